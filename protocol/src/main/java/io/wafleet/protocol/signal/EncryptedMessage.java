package io.wafleet.protocol.signal;

import java.util.Arrays;
import java.util.Objects;

/** The content of an {@code <enc v="2">} node: its {@code type} attribute and its bytes. */
public record EncryptedMessage(Type type, byte[] body) {
    public enum Type {
        /** A PreKeyWhisperMessage: sent until the peer has answered on the session. */
        PKMSG("pkmsg"),
        /** A WhisperMessage on an established session. */
        MSG("msg");

        private final String attribute;

        Type(String attribute) {
            this.attribute = attribute;
        }

        /** The value of the node's {@code type} attribute. */
        public String attribute() {
            return attribute;
        }

        public static Type fromAttribute(String attribute) {
            for (Type type : values()) {
                if (type.attribute.equals(attribute)) {
                    return type;
                }
            }
            throw new SignalException(SignalException.Reason.MALFORMED, "not a 1:1 Signal message type: " + attribute);
        }
    }

    public EncryptedMessage {
        Objects.requireNonNull(type, "type");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedMessage other && type == other.type && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "EncryptedMessage[" + type.attribute + ", " + body.length + " bytes]";
    }
}
