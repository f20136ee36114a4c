package dev.sightline.partnership.partnerships.domain;

/** Where the partner's AI processes user data. */
public enum ProcessingMode {
    ON_DEVICE, COMPANY_CLOUD, PARTNER_CLOUD
}
