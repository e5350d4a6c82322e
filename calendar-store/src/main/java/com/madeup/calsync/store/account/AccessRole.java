package com.madeup.calsync.store.account;

/** The provider's {@code accessRole} of the connected account on a calendar, stored as Google spells it. */
public enum AccessRole {
    OWNER("owner"),
    WRITER("writer"),
    READER("reader"),
    FREE_BUSY_READER("freeBusyReader");

    private final String databaseValue;

    AccessRole(String databaseValue) {
        this.databaseValue = databaseValue;
    }

    public String databaseValue() {
        return databaseValue;
    }

    /** Whether events of such a calendar may be created or edited through the provider. */
    public boolean canWrite() {
        return this == OWNER || this == WRITER;
    }

    public static AccessRole fromDatabase(String value) {
        for (AccessRole role : values()) {
            if (role.databaseValue.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown access role: " + value);
    }
}
