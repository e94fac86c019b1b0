package org.ihospital.insurance.catalogue;

/** The insurance catalogue's classes (医保目录): what the basic medical insurance pays for. */
public enum CatalogueClass {
    /** 甲类: fully eligible. */
    A,
    /** 乙类: eligible after the patient pays the policy's self-pay ratio first (先行自付). */
    B,
    /** 丙类: not covered; the patient pays it all. */
    C
}
