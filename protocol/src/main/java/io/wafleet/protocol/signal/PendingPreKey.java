package io.wafleet.protocol.signal;

import java.util.OptionalInt;

/**
 * The pre-keys of the peer's bundle a session we initiated was built on. While it is set we send pkmsg
 * (the peer may not have the session yet); it is cleared once we decrypt the peer's first message.
 */
record PendingPreKey(int signedPreKeyId, OptionalInt preKeyId) {}
