package dev.sightline.audit.log;

/** The closed vocabularies of an access event. */
public final class LogVocabulary {
    private LogVocabulary() {
    }

    /** Who touched the data. */
    public enum ActorType { SERVICE, USER, PARTNER_SYSTEM, AUTHORITY }

    /** What was done to it. */
    public enum Action { READ, WRITE, INFERENCE, TRANSFER, EXPORT, DELETE, AUTHORITY_REQUEST }

    /** Where it was processed. */
    public enum ProcessingMode { ON_DEVICE, COMPANY_CLOUD, PARTNER_CLOUD }

    /** How the access ended. */
    public enum Outcome { ALLOWED, DENIED, ERROR }

    /** What the company did with an authority's request. */
    public enum Disposition { COMPLIED, REJECTED, PARTIAL }
}
