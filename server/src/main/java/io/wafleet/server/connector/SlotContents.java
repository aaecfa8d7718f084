package io.wafleet.server.connector;

/** What a slot's directory on the volume holds, as far as the boot scan is concerned. */
public enum SlotContents {
    /** No directory or nothing in it: the slot waits for an operator to link it. */
    EMPTY,
    /** wa-fleet credentials: restored and connected at boot without a QR. */
    CREDENTIALS,
    /** Files of another client (a Baileys session, say): reported and left untouched until imported. */
    FOREIGN,
    /** Files this connector cannot classify: reported and left untouched. */
    UNKNOWN
}
