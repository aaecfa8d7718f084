package io.wafleet.protocol.jid;

/**
 * JID server names, and the AD_JID domain types that stand for some of them in the binary encoding
 * (an AD_JID carries a domain byte instead of a server name).
 */
public final class JidServer {
    /** Phone-number users and their devices. */
    public static final String WHATSAPP = "s.whatsapp.net";
    /** The legacy name for {@link #WHATSAPP}; normalised to it. */
    public static final String C_US = "c.us";
    /** Privacy-preserving user ids (LIDs). */
    public static final String LID = "lid";
    public static final String GROUP = "g.us";
    public static final String BROADCAST = "broadcast";
    public static final String NEWSLETTER = "newsletter";
    public static final String HOSTED = "hosted";
    public static final String HOSTED_LID = "hosted.lid";
    public static final String BOT = "bot";
    public static final String CALL = "call";

    public static final int DOMAIN_WHATSAPP = 0;
    public static final int DOMAIN_LID = 1;
    public static final int DOMAIN_HOSTED = 128;
    public static final int DOMAIN_HOSTED_LID = 129;

    private JidServer() {}

    /** The server an AD_JID with this domain type decodes to; unknown domain types fall back to {@link #WHATSAPP}. */
    public static String forDomainType(int domainType) {
        return switch (domainType) {
            case DOMAIN_LID -> LID;
            case DOMAIN_HOSTED -> HOSTED;
            case DOMAIN_HOSTED_LID -> HOSTED_LID;
            default -> WHATSAPP;
        };
    }
}
