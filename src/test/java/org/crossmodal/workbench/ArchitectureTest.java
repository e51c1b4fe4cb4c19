package org.crossmodal.workbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.crossmodal.workbench.session.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the dependency rule of docs/architecture: gui/ and cli/ call workflow/, workflow/ calls the method
 * packages, those use core/. The session model ({@link Session}) and the method packages' records, enums and
 * exceptions (options and results) travel with core's records as shared data.
 * No JavaFX outside gui/; only cli/ writes to standard output.
 */
class ArchitectureTest {
    static final String BASE = "org.crossmodal.workbench";
    static final Set<String> METHOD_PACKAGES = Set.of("audio", "encoder", "align", "retrieval", "projection", "probe", "session");
    static final Set<String> OTHER_PACKAGES = Set.of("(root)", "core", "workflow", "cli", "gui");
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    static String topPackage(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith(BASE)) return "";
        String rest = p.substring(BASE.length());
        if (rest.isEmpty()) return "(root)";
        rest = rest.substring(1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static DescribedPredicate<JavaClass> in(String description, java.util.function.Predicate<JavaClass> p) {
        return DescribedPredicate.describe(description, p::test);
    }

    /**
     * Data that travels between layers: the session model, and the records, enums and exceptions of the method
     * packages (options records shared by CLI flags and GUI controls, result records). Their behaviour is trivial;
     * the services that compute them stay behind workflow/.
     */
    static boolean isSharedData(JavaClass c) {
        if (c.getName().equals(Session.class.getName())) return true;
        return c.isRecord() || c.isEnum() || c.isAssignableTo(Throwable.class);
    }

    @Test
    void layersDependDownwardsOnly() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Entry").definedBy(in("the root package", c -> topPackage(c).equals("(root)")))
                .layer("Cli").definedBy(in("cli", c -> topPackage(c).equals("cli")))
                .layer("Gui").definedBy(in("gui", c -> topPackage(c).equals("gui")))
                .layer("Workflow").definedBy(in("workflow", c -> topPackage(c).equals("workflow")))
                .layer("Methods").definedBy(in("method packages " + METHOD_PACKAGES, c -> METHOD_PACKAGES.contains(topPackage(c))))
                .layer("Core").definedBy(in("core", c -> topPackage(c).equals("core")))
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Gui").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Workflow").mayOnlyBeAccessedByLayers("Cli", "Gui", "Entry")
                .whereLayer("Methods").mayOnlyBeAccessedByLayers("Workflow", "Cli", "Gui")
                .whereLayer("Core").mayOnlyBeAccessedByLayers("Entry", "Cli", "Gui", "Workflow", "Methods");
        rule.check(classes);
    }

    @Test
    void cliAndGuiUseOnlyTheDataOfMethodPackages() {
        noClasses().that(in("cli or gui", c -> Set.of("cli", "gui").contains(topPackage(c))))
                .should().dependOnClassesThat(in("services of the method packages (not their records, enums or exceptions)",
                        c -> METHOD_PACKAGES.contains(topPackage(c)) && !isSharedData(c)))
                .because("the command line and the window call workflow/, which runs the methods")
                .check(classes);
    }

    @Test
    void everyPackageBelongsToALayer() {
        java.util.List<String> unknown = classes.stream().map(ArchitectureTest::topPackage)
                .filter(p -> !METHOD_PACKAGES.contains(p) && !OTHER_PACKAGES.contains(p)).distinct().sorted().toList();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), unknown,
                "new top-level packages must be placed in a layer of ArchitectureTest (a method package, usually)");
    }

    @Test
    void coreDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage(BASE + ".core..")
                .should().dependOnClassesThat(in("workbench classes outside core",
                        c -> c.getPackageName().startsWith(BASE) && !topPackage(c).equals("core")))
                .check(classes);
    }

    @Test
    void noJavaFxOutsideGui() {
        noClasses().that().resideOutsideOfPackage(BASE + ".gui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
                .because("only gui/ may use JavaFX, so the command line runs without the toolkit")
                .check(classes);
    }

    @Test
    void onlyCliWritesToStandardOutput() {
        noClasses().that().resideOutsideOfPackage(BASE + ".cli..")
                .should().accessField(System.class, "out")
                .because("results go to stdout from cli/ only; other code reports through return values and ProgressListener")
                .check(classes);
    }
}
