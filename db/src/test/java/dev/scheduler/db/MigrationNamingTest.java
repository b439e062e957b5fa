package dev.scheduler.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Migration files follow one naming rule, so that a typo cannot make Flyway skip a file or order it
 * wrongly, and versions are unique and gap-free.
 */
class MigrationNamingTest {

  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Pattern NAME =
      Pattern.compile("V([1-9][0-9]*)__[a-z0-9]+(_[a-z0-9]+)*\\.sql");

  @Test
  void everyMigrationIsNamedVersionDoubleUnderscoreSnakeCaseDescription() throws IOException {
    List<String> names = migrationFileNames();

    assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name).matches(NAME));
  }

  @Test
  void versionsOfSqlAndJavaMigrationsTogetherRunFromOneWithoutGapsOrDuplicates()
      throws IOException {
    List<Integer> versions =
        Stream.concat(
                migrationFileNames().stream()
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))),
                DatabaseMigrations.JAVA_MIGRATIONS.stream()
                    .map(migration -> Integer.parseInt(migration.getVersion().getVersion())))
            .sorted()
            .toList();

    for (int i = 0; i < versions.size(); i++) {
      assertThat(versions.get(i)).as("version at position %d", i).isEqualTo(i + 1);
    }
  }

  private static List<String> migrationFileNames() throws IOException {
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
