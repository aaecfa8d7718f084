package io.wafleet.protocol.binary;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The decoder's child list: an immutable view of an array that nothing else references, so that
 * {@link NodeContent.Children} can take it without the copy it makes of any other list. Every mutator throws
 * {@link UnsupportedOperationException}.
 */
final class NodeList extends AbstractList<Node> implements RandomAccess {
    private final Node[] nodes;

    /** Takes over {@code nodes}, which must hold no nulls and never be written again. */
    NodeList(Node[] nodes) {
        this.nodes = nodes;
    }

    @Override
    public Node get(int index) {
        return nodes[index];
    }

    @Override
    public int size() {
        return nodes.length;
    }
}
