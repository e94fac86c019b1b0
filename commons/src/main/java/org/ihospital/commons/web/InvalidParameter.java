package org.ihospital.commons.web;

import jakarta.ws.rs.BadRequestException;

/** A path or query parameter that is not of its type ({@code limit=abc}, an id that is not a UUID). */
public class InvalidParameter extends BadRequestException {

    private final String name;
    private final String expected;

    InvalidParameter(String name, String expected) {
        super("parameter " + name + " must be " + expected);
        this.name = name;
        this.expected = expected;
    }

    public String name() {
        return name;
    }

    /** What the parameter must be, as a reader would say it ("a UUID", "an integer"). */
    public String expected() {
        return expected;
    }
}
