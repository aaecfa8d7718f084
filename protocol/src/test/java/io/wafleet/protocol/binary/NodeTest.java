package io.wafleet.protocol.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTest {
    private static final Node PING = Node.of("ping");

    @Test
    void keyValuePairsKeepTheirOrder() {
        Node iq = Node.of("iq", "id", "1", "to", "@s.whatsapp.net", "type", "get");

        assertThat(iq.attrs().keySet()).containsExactly("id", "to", "type");
        assertThat(iq.attr("type")).contains("get");
        assertThat(iq.attr("xmlns")).isEmpty();
        assertThat(iq.content()).isEqualTo(NodeContent.NONE);
        assertThatThrownBy(() -> Node.of("iq", "id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderCollectsAttributesAndChildren() {
        Node iq = Node.builder("iq").attr("id", "1").attrs(Map.of("type", "set")).child(PING).child(Node.of("pong")).child(PING).build();

        assertThat(iq.children()).extracting(Node::tag).containsExactly("ping", "pong", "ping");
        assertThat(iq.child("pong")).contains(Node.of("pong"));
        assertThat(iq.child("missing")).isEmpty();
        assertThat(iq.childrenByTag("ping")).hasSize(2);
        assertThat(Node.builder("list").children(List.of()).build().content()).isEqualTo(NodeContent.children(List.of()));
    }

    @Test
    void builderRefusesMixedContent() {
        assertThatThrownBy(() -> Node.builder("x").child(PING).bytes(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Node.builder("x").text("a").child(PING)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Node.builder("x").bytes(new byte[1]).text("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void contentAsBytesOrText() {
        Node text = Node.builder("body").text("hé").build();
        Node bytes = Node.builder("body").bytes("hé".getBytes(StandardCharsets.UTF_8)).build();

        assertThat(text.contentBytes()).hasValueSatisfying(b -> assertThat(b).isEqualTo("hé".getBytes(StandardCharsets.UTF_8)));
        assertThat(bytes.contentText()).contains("hé");
        assertThat(PING.contentBytes()).isEmpty();
        assertThat(PING.children()).isEmpty();
        assertThat(text.children()).isEmpty();
    }

    @Test
    void nodesAreImmutable() {
        byte[] payload = {1, 2, 3};
        Map<String, String> attrs = new HashMap<>(Map.of("v", "2"));
        Node node = new Node("enc", attrs, NodeContent.bytes(payload));
        payload[0] = 9;
        attrs.put("type", "msg");
        node.contentBytes().orElseThrow()[1] = 9;

        assertThat(node.contentBytes()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(node.attrs()).containsOnlyKeys("v");
        assertThatThrownBy(() -> node.attrs().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void decodedNodesAreImmutableAndEqualToBuiltOnes() {
        Node built = Node.builder("iq").attr("id", "1").attr("type", "get").child(PING).child(Node.of("pong", "v", "2")).build();
        Node decoded = BinaryNodes.decode(BinaryNodes.encode(built));

        assertThat(decoded).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(decoded.attrs()).isEqualTo(built.attrs()).hasSameHashCodeAs(built.attrs());
        assertThat(decoded.attrs().keySet()).containsExactly("id", "type");
        assertThat(decoded.children()).isEqualTo(built.children()).hasSameHashCodeAs(built.children());
        assertThat(decoded.toString()).isEqualTo(built.toString());
        assertThatThrownBy(() -> decoded.attrs().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decoded.attrs().remove("id")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decoded.attrs().entrySet().iterator().next().setValue("2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decoded.attrs().keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decoded.children().set(0, PING)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decoded.children().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Node("iq", decoded.attrs(), decoded.content())).isEqualTo(decoded);
    }

    @Test
    void rejectsAnEmptyTagAndNullAttributeValues() {
        assertThatThrownBy(() -> Node.of("")).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> withNull = new HashMap<>();
        withNull.put("to", null);
        assertThatThrownBy(() -> Node.of("iq", withNull, List.of())).isInstanceOf(NullPointerException.class);
    }

    @Test
    void printsLikeXmlAndCutsLongContentShort() {
        Node iq = Node.builder("iq").attr("id", "1").attr("type", "get").child(PING).build();
        Node enc = Node.builder("enc").attr("v", "2").bytes(new byte[1000]).build();
        Node body = Node.builder("body").text("x".repeat(5000)).build();

        assertThat(iq).hasToString("<iq id='1' type='get'><ping/></iq>");
        assertThat(enc.toString()).startsWith("<enc v='2'>[1000 bytes: 00000000000000000000000000000000…]").endsWith("</enc>");
        assertThat(body.toString().length()).isLessThan(300);
    }
}
