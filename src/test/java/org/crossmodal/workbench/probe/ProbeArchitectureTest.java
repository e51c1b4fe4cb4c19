package org.crossmodal.workbench.probe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where probe/ sits: a method package (it may use core and the public APIs of encoder, audio, retrieval), called by
 * workflow. The command line and the window see only its option and result records, never its engine classes.
 */
class ProbeArchitectureTest {
    static final String BASE = "org.crossmodal.workbench";
    static final java.util.Set<String> ENGINE = java.util.Set.of("Noise", "Perturber", "Vocabulary", "Seeds", "Vectors", "VoiceShift",
            "McNemar");
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    @Test
    void probeUsesNoLayerAboveIt() {
        noClasses().that().resideInAPackage(BASE + ".probe..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".workflow..", BASE + ".cli..", BASE + ".gui..",
                        BASE + ".session..")
                .check(classes);
    }

    @Test
    void cliAndGuiReachTheEngineOnlyThroughWorkflow() {
        noClasses().that().resideInAnyPackage(BASE + ".cli..", BASE + ".gui..")
                .should().dependOnClassesThat(DescribedPredicate.describe("probe engine classes", c ->
                        c.getPackageName().equals(BASE + ".probe") && (c.getSimpleName().endsWith("Probe")
                                || ENGINE.contains(c.getSimpleName()))))
                .check(classes);
    }
}
