package io.wafleet.protocol.client;

import io.wafleet.protocol.proto.DeviceProps;

/**
 * The DeviceProps a registering companion announces. Values match Baileys 7.0.0-rc14; fields it
 * sets to false are set explicitly (they are on the wire), fields it leaves undefined stay absent.
 */
final class DevicePropsFactory {

    /** History sync storage the phone may assume we have, in MB. */
    private static final int STORAGE_QUOTA_MB = 10240;

    private DevicePropsFactory() {}

    static DeviceProps companion(ClientConfig config) {
        return DeviceProps.newBuilder()
                .setOs(config.browser().os())
                // A fixed placeholder (macOS 10.15.7), not the client's version: Baileys sends this.
                .setVersion(DeviceProps.AppVersion.newBuilder().setPrimary(10).setSecondary(15).setTertiary(7))
                .setPlatformType(config.browser().devicePlatformType())
                .setRequireFullSync(config.syncFullHistory())
                .setHistorySyncConfig(historySyncConfig())
                .build();
    }

    private static DeviceProps.HistorySyncConfig historySyncConfig() {
        return DeviceProps.HistorySyncConfig.newBuilder()
                .setStorageQuotaMb(STORAGE_QUOTA_MB)
                .setInlineInitialPayloadInE2EeMsg(true)
                .setSupportCallLogHistory(false)
                .setSupportBotUserAgentChatHistory(true)
                .setSupportCagReactionsAndPolls(true)
                .setSupportBizHostedMsg(true)
                .setSupportRecentSyncChunkMessageCountTuning(true)
                .setSupportHostedGroupMsg(true)
                .setSupportFbidBotChatHistory(true)
                .setSupportMessageAssociation(true)
                .setSupportGroupHistory(false)
                .build();
    }
}
