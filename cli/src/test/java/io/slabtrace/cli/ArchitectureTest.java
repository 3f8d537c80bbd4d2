package io.slabtrace.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's architecture, enforced: modules point down (cli → replay → parser → model), no two
 * packages depend on each other in a circle, and inside cli each concern uses only the ones below it.
 * Checked on the compiled classes, so an import that is never used does not count and a fully
 * qualified name in code does.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.slabtrace");

    /** At most this many source files a package: past it, a package holds more than one concern. */
    static final int MAX_FILES_PER_PACKAGE = 20;

    @Test
    void theClassesAreThere() {
        // the rules below pass vacuously on an empty import: make sure every module was seen
        for (String pkg : List.of("io.slabtrace.model", "io.slabtrace.parser", "io.slabtrace.replay", "io.slabtrace.cli")) {
            assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)), "no classes imported from " + pkg);
        }
    }

    @Test
    void modulesPointDownward() {
        rule(noClasses().that().resideInAPackage("io.slabtrace.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.slabtrace.parser..", "io.slabtrace.replay..", "io.slabtrace.cli.."));
        rule(noClasses().that().resideInAPackage("io.slabtrace.parser..")
                .should().dependOnClassesThat().resideInAnyPackage("io.slabtrace.replay..", "io.slabtrace.cli.."));
        rule(noClasses().that().resideInAPackage("io.slabtrace.replay..")
                .should().dependOnClassesThat().resideInAnyPackage("io.slabtrace.cli.."));
    }

    @Test
    void noCyclesBetweenPackages() {
        rule(slices().matching("io.slabtrace.(**)").should().beFreeOfCycles());
    }

    @Test
    void cliConcernsUseOnlyTheOnesBelow() {
        // entry point → command → (report, collect, live) → (options, view) → format → error; output serves collect and command
        rule(noClasses().that().resideOutsideOfPackage("io.slabtrace.cli")
                .should().dependOnClassesThat().resideInAPackage("io.slabtrace.cli"));
        rule(noClasses().that().resideOutsideOfPackages("io.slabtrace.cli", "io.slabtrace.cli.command")
                .should().dependOnClassesThat().resideInAPackage("io.slabtrace.cli.command"));
        rule(noClasses().that().resideInAnyPackage("io.slabtrace.cli.options", "io.slabtrace.cli.view", "io.slabtrace.cli.format",
                        "io.slabtrace.cli.output", "io.slabtrace.cli.error")
                .should().dependOnClassesThat().resideInAnyPackage("io.slabtrace.cli.report", "io.slabtrace.cli.collect", "io.slabtrace.cli.live"));
        rule(noClasses().that().resideInAPackage("io.slabtrace.cli.live")
                .should().dependOnClassesThat().resideInAnyPackage("io.slabtrace.cli.report", "io.slabtrace.cli.collect", "io.slabtrace.cli.output"));
        rule(noClasses().that().resideInAnyPackage("io.slabtrace.cli.view", "io.slabtrace.cli.format", "io.slabtrace.cli.output",
                        "io.slabtrace.cli.error")
                .should().dependOnClassesThat().resideInAPackage("io.slabtrace.cli.options"));
        rule(noClasses().that().resideInAnyPackage("io.slabtrace.cli.format", "io.slabtrace.cli.output", "io.slabtrace.cli.error")
                .should().dependOnClassesThat().resideInAPackage("io.slabtrace.cli.view"));
        rule(noClasses().that().resideInAnyPackage("io.slabtrace.cli.output", "io.slabtrace.cli.error")
                .should().dependOnClassesThat().resideInAPackage("io.slabtrace.cli.format"));
        rule(noClasses().that().resideInAPackage("io.slabtrace.cli.error")
                .should().dependOnClassesThat().resideInAPackage("io.slabtrace.cli.output"));
    }

    @Test
    void librariesStayAtTheirEdge() {
        rule(noClasses().that().resideOutsideOfPackage("io.slabtrace.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.jfree.."));
        rule(noClasses().that().resideOutsideOfPackage("io.slabtrace.cli.report")
                .should().dependOnClassesThat().resideInAPackage("org.jfree.."));
        rule(noClasses().that().resideInAPackage("io.slabtrace.model..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.."));
        rule(noClasses().that().resideOutsideOfPackage("io.slabtrace.cli.live")
                .should().dependOnClassesThat().resideInAPackage("org.jline.."));
    }

    /**
     * Every command and its options are declared in code ({@code options.Bound}): picocli reading an annotated
     * command (annotation proxies generated, members reflected, all interpreted) cost about 45 ms of a cold start.
     */
    @Test
    void noPicocliAnnotationIsRead() {
        rule(noClasses().should().dependOnClassesThat().belongToAnyOf(picocli.CommandLine.Command.class, picocli.CommandLine.Option.class,
                picocli.CommandLine.Parameters.class, picocli.CommandLine.Mixin.class, picocli.CommandLine.Spec.class,
                picocli.CommandLine.ArgGroup.class, picocli.CommandLine.ParentCommand.class, picocli.CommandLine.Unmatched.class));
    }

    /** The sources themselves: every package says what it is for, and none is crowded. */
    @Test
    void everyPackageIsDocumentedAndSmall() throws IOException {
        Map<Path, List<String>> byPackage = new TreeMap<>();
        Path root = Path.of("..").toAbsolutePath().normalize();
        for (String module : List.of("model", "parser", "replay", "cli")) {
            Path src = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .forEach(f -> byPackage.computeIfAbsent(root.relativize(f.getParent()), k -> new ArrayList<>()).add(f.getFileName().toString()));
            }
        }
        assertTrue(byPackage.size() >= 20, "expected the project's packages under " + root + ", found " + byPackage.keySet());
        Map<Path, Integer> crowded = new TreeMap<>();
        List<Path> undocumented = new ArrayList<>();
        byPackage.forEach((dir, names) -> {
            long sources = names.stream().filter(n -> !n.equals("package-info.java")).count();
            if (sources > MAX_FILES_PER_PACKAGE) crowded.put(dir, (int) sources);
            if (!names.contains("package-info.java")) undocumented.add(dir);
        });
        assertEquals(Map.of(), crowded, "packages over " + MAX_FILES_PER_PACKAGE + " source files");
        assertEquals(List.of(), undocumented, "packages without a package-info.java");
    }

    private static void rule(ArchRule r) {
        r.check(MAIN);
    }
}
