package com.madeup.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The way app tests use both helpers: the properties Spring Boot would bind are set. */
@SpringJUnitConfig(SpringTestSupportIntegrationTest.Empty.class)
@CalsyncEmbeddedKafka
class SpringTestSupportIntegrationTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {}

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
    }

    @Autowired
    Environment environment;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void datasourcePropertiesReachAnEmptyDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        environment.getRequiredProperty("spring.datasource.url"),
                        environment.getRequiredProperty("spring.datasource.username"),
                        environment.getRequiredProperty("spring.datasource.password"));
                ResultSet tables = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void bootstrapServersPropertyPointsAtTheBroker() {
        assertThat(bootstrapServers).isEqualTo(broker.getBrokersAsString());

        TestKafka.send(bootstrapServers, Topics.CALENDAR_EVENT_CHANGED, "c-1", "changed");

        assertThat(TestKafka.readAtLeast(bootstrapServers, Topics.CALENDAR_EVENT_CHANGED, 1, Duration.ofSeconds(10)))
                .extracting(record -> record.value())
                .containsExactly("changed");
    }
}
