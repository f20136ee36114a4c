package dev.sightline.partnership.partnerships.domain;

/**
 * Legal mechanism of a cross-border transfer; NONE records that there is none. US_DOJ_SECURITY_REQUIREMENTS records
 * that a restricted transaction under the US bulk sensitive data rule meets the CISA security requirements
 * (28 CFR 202.248, 202.401).
 */
public enum TransferMechanism {
    EU_SCC, ADEQUACY, CN_STANDARD_CONTRACT, CN_SECURITY_ASSESSMENT, CN_CERTIFICATION, BCR,
    US_DOJ_SECURITY_REQUIREMENTS, NONE
}
