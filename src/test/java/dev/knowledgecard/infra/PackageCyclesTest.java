package dev.knowledgecard.infra;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {
  @Test
  @DisplayName("no two packages of src/main depend on each other, directly or through others")
  void packagesFormNoCycle() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.knowledgecard.infra");
    // Every package is its own slice: report and report.cost may not depend on each other either.
    slices().matching("dev.knowledgecard.(**)").should().beFreeOfCycles().check(classes);
  }
}
