package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.params.ParamSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the sql type accepts, checked without any database. */
class SqlJobTypeTest {

  private final ParamSpec params =
      JobTypes.builtIn()
          .with(JobResources.validating(Set.of("app", "audit"), Optional.empty()))
          .require("sql")
          .params();

  @Test
  void acceptsOneStatementOnADeclaredDatasource() {
    assertThat(params.validate(Map.of("datasource", "app", "statement", "call purge_tokens();")))
        .isEmpty();
  }

  @Test
  void namesTheClosestDatasource() {
    assertThat(params.validate(Map.of("datasource", "audt", "statement", "select 1")))
        .containsExactly(
            "datasource: unknown datasource 'audt' (did you mean audit?); declared datasources:"
                + " app, audit");
  }

  @Test
  void refusesMoreThanOneStatement() {
    assertThat(
            params.validate(
                Map.of("datasource", "app", "statement", "delete from a; delete from b")))
        .containsExactly(
            "statement: 'delete from a; delete from b' holds more than one statement; write one"
                + " statement per sql job");
  }

  @Test
  void aSemicolonInsideAStringIsPartOfTheStatement() {
    assertThat(
            params.validate(
                Map.of("datasource", "app", "statement", "delete from a where note = 'x;y'")))
        .isEmpty();
  }

  @Test
  void aQuestionMarkMustBeEscapedBecauseJdbcTakesItForAParameter() {
    assertThat(
            params.validate(
                Map.of("datasource", "app", "statement", "delete from a where tags ? 'x'")))
        .containsExactly(
            "statement: 'delete from a where tags ? 'x'' has a '?', which JDBC takes for a"
                + " parameter; write ?? for PostgreSQL's ? operator, and :batchSize for the batch"
                + " size");
    assertThat(
            params.validate(
                Map.of(
                    "datasource",
                    "app",
                    "statement",
                    "delete from a where tags ?? 'x' or n = '?'")))
        .isEmpty();
  }

  @Test
  void batchSizeNeedsTheMarkerAndTheMarkerNeedsBatchSize() {
    assertThat(
            params.validate(
                Map.of("datasource", "app", "statement", "delete from a", "batchSize", 100)))
        .singleElement()
        .asString()
        .startsWith("statement: with batchSize the statement must limit each run with :batchSize");
    assertThat(
            params.validate(
                Map.of(
                    "datasource",
                    "app",
                    "statement",
                    "delete from a where id in (select id from a limit :batchSize)")))
        .containsExactly(
            "statement: uses :batchSize but batchSize is not set; add batchSize: 10000");
  }

  @Test
  void theBatchMarkerBecomesABoundParameter() {
    SqlStatement statement =
        SqlStatement.parse("DELETE FROM s WHERE ctid IN (SELECT ctid FROM s LIMIT :batchSize);");
    assertThat(statement.jdbcText())
        .isEqualTo("DELETE FROM s WHERE ctid IN (SELECT ctid FROM s LIMIT ?)");
    assertThat(statement.batchSizeMarkers()).isEqualTo(1);
    assertThat(statement.verb()).isEqualTo("deleted");
  }

  @Test
  void summariesCountRowsWithGrouping() {
    assertThat(SqlJobType.rows(12_345)).isEqualTo("12,345 rows");
    assertThat(SqlJobType.rows(1)).isEqualTo("1 row");
  }
}
