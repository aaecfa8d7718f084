/**
 * The auth state of an account (credentials plus Signal and app-state key records) behind {@link
 * io.wafleet.protocol.store.AuthStore}, and its crash-safe file implementation {@link
 * io.wafleet.protocol.store.FileAuthStore}.
 *
 * <p>On disk, one directory per account under the sessions path, named by a validated {@link
 * io.wafleet.protocol.store.AccountId}, holding three files whatever the number of keys:
 * <ul>
 *   <li>{@code auth-state.snapshot}: magic {@code WFSN}, format version, then CRC-32C frames: header (generation),
 *       credentials, every live key in key order, end (sequence, key count). Replaced only by rename.</li>
 *   <li>{@code auth-state.journal}: magic {@code WFJN}, format version, then frames: header (generation), and per
 *       committed change its key/deletion/credentials frames closed by a commit frame (sequence, frame count).
 *       Appended with one write and one fdatasync per commit.</li>
 *   <li>{@code auth-state.lock}: held with an OS file lock while a store has the account open.</li>
 * </ul>
 * Frames are {@code [uint32 length][uint32 crc32c(length ‖ record)][record]}; records are the protobuf messages of
 * {@code store.proto}. A directory with any other content (a Baileys {@code creds.json}, say) is classified by
 * {@link io.wafleet.protocol.store.SessionsDirectory} and never written to.
 */
package io.wafleet.protocol.store;
