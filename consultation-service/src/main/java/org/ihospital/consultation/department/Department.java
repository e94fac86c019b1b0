package org.ihospital.consultation.department;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A clinical department (科室). Reference data, maintained by migrations. */
@Entity
@Table(name = "department")
public class Department {

    @Id
    private String code;
    @Column(name = "name_zh")
    private String nameZh;
    @Column(name = "name_en")
    private String nameEn;
    private String description;
    @Column(name = "chronic_care")
    private boolean chronicCare;
    @Column(name = "sort_order")
    private int sortOrder;
    private boolean active;

    protected Department() {
    }

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public String description() {
        return description;
    }

    public boolean chronicCare() {
        return chronicCare;
    }

    public boolean active() {
        return active;
    }
}
