package dev.sightline.partnership.partnerships.domain;

/**
 * Kinds of assessment a partnership may need. TIA is a transfer impact assessment; PIPL_PIPIA is China's
 * personal information protection impact assessment; CCPA_RISK a CCPA risk assessment.
 */
public enum AssessmentType {
    DPIA, TIA, AI_ACT_CONFORMITY, PIPL_PIPIA, CCPA_RISK
}
