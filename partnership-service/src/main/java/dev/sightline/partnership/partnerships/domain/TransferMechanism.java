package dev.sightline.partnership.partnerships.domain;

/** Legal mechanism of a cross-border transfer; NONE records that there is none. */
public enum TransferMechanism {
    EU_SCC, ADEQUACY, CN_STANDARD_CONTRACT, CN_SECURITY_ASSESSMENT, CN_CERTIFICATION, BCR, NONE
}
