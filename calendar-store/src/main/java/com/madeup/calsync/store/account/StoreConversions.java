package com.madeup.calsync.store.account;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

/**
 * Spring Data JDBC converters for the enums stored in their database spelling ({@code
 * needs_reauth}, {@code freeBusyReader}). The auto-configuration registers them; an app that
 * defines its own {@code JdbcCustomConversions} must include {@link #converters()}.
 */
public final class StoreConversions {

    private StoreConversions() {}

    public static List<Converter<?, ?>> converters() {
        return List.of(
                new ConnectionStatusWriter(),
                new ConnectionStatusReader(),
                new AccessRoleWriter(),
                new AccessRoleReader());
    }

    @WritingConverter
    static final class ConnectionStatusWriter implements Converter<ConnectionStatus, String> {
        @Override
        public String convert(ConnectionStatus source) {
            return source.databaseValue();
        }
    }

    @ReadingConverter
    static final class ConnectionStatusReader implements Converter<String, ConnectionStatus> {
        @Override
        public ConnectionStatus convert(String source) {
            return ConnectionStatus.fromDatabase(source);
        }
    }

    @WritingConverter
    static final class AccessRoleWriter implements Converter<AccessRole, String> {
        @Override
        public String convert(AccessRole source) {
            return source.databaseValue();
        }
    }

    @ReadingConverter
    static final class AccessRoleReader implements Converter<String, AccessRole> {
        @Override
        public AccessRole convert(String source) {
            return AccessRole.fromDatabase(source);
        }
    }
}
