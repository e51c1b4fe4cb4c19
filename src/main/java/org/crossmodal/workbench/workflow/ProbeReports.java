package org.crossmodal.workbench.workflow;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.probe.Band;
import org.crossmodal.workbench.probe.BestFactorTest;
import org.crossmodal.workbench.probe.Confusion;
import org.crossmodal.workbench.probe.ConfusionResult;
import org.crossmodal.workbench.probe.Curve;
import org.crossmodal.workbench.probe.CurvePoint;
import org.crossmodal.workbench.probe.CurveResult;
import org.crossmodal.workbench.probe.GroupP1;
import org.crossmodal.workbench.probe.IntelligibilityResult;
import org.crossmodal.workbench.probe.IntelligibilityRow;
import org.crossmodal.workbench.session.AtomicFiles;

/**
 * Probe results as CSV (one table per result, written atomically) and JSON (with provenance and warnings). Missing
 * values (a band over no draws, a P@1 the probe does not measure) are empty CSV fields and JSON nulls.
 */
public final class ProbeReports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProbeReports() { }

    // ---- CSV ----

    /**
     * The columns of a curve probe's CSV. The last four are filled on the row of each voice-shift curve's best factor
     * when it was tested against factor 1 ({@link Curve#bestVsOne()}), empty elsewhere: b and c, the recordings right
     * at that factor only and at factor 1 only, the exact McNemar p-value, and p times the other factors, capped at 1.
     */
    public static final String CURVE_HEADER = "kind,curve,x,level,draws,items,drop_mean,drop_low,drop_high,score_mean,"
            + "score_low,score_high,p1_mean,p1_low,p1_high,partial,paired_b,paired_c,paired_p,paired_p_bonferroni";
    public static final String INTELLIGIBILITY_HEADER = "rank,item,intended,speaker,source,score,cosine,intended_rank,"
            + "best_other,best_other_cosine,margin,partial";
    public static final String CONFUSION_HEADER = "section,said,heard,count,edit_distance,phoneme_distance,minimal_pair,"
            + "homophones,said_ipa,heard_ipa,items,group,n,hits,p1,p1_low,p1_high,partial";

    public static String csv(Object result) {
        StringBuilder sb = new StringBuilder();
        switch (result) {
            case CurveResult r -> {
                sb.append(CURVE_HEADER).append('\n');
                for (Curve c : r.curves()) {
                    BestFactorTest t = c.bestVsOne();
                    for (CurvePoint p : c.points()) {
                        boolean tested = t != null && Double.compare(p.level(), t.factor()) == 0;
                        row(sb, r.kind(), c.name(), c.xLabel(), num(p.level()), p.draws(), p.items(), num(p.drop().mean()),
                                num(p.drop().low()), num(p.drop().high()), num(p.score().mean()), num(p.score().low()),
                                num(p.score().high()), p.p1() == null ? "" : num(p.p1().mean()),
                                p.p1() == null ? "" : num(p.p1().low()), p.p1() == null ? "" : num(p.p1().high()), r.partial(),
                                tested ? t.b() : "", tested ? t.c() : "", tested ? String.valueOf(t.p()) : "",
                                tested ? String.valueOf(t.pBonferroni()) : "");
                    }
                }
            }
            case IntelligibilityResult r -> {
                sb.append(INTELLIGIBILITY_HEADER).append('\n');
                for (IntelligibilityRow x : r.rows()) {
                    row(sb, x.rank(), x.itemId(), x.intended(), nz(x.speaker()), nz(x.source()), num(x.score()), num(x.cosine()),
                            x.intendedRank(), x.bestOther(), num(x.bestOtherCosine()), num(x.margin()), r.partial());
                }
            }
            case ConfusionResult r -> {
                sb.append(CONFUSION_HEADER).append('\n');
                for (Confusion c : r.confusions()) {
                    row(sb, "confusion", c.said(), c.heard(), c.count(), c.editDistance(),
                            c.phonemeDistance() < 0 ? "" : c.phonemeDistance(), c.minimalPair(),
                            c.phonemeDistance() < 0 ? "" : c.homophones(), nz(c.saidIpa()), nz(c.heardIpa()),
                            String.join(" ", c.itemIds()), "", "", "", "", "", "", r.partial());
                }
                group(sb, "overall", r.overall(), r.partial());
                for (GroupP1 g : r.perSpeaker()) group(sb, "speaker", g, r.partial());
                for (GroupP1 g : r.perWord()) group(sb, "word", g, r.partial());
            }
            default -> throw new IllegalArgumentException("Not a probe result: " + result);
        }
        return sb.toString();
    }

    private static void group(StringBuilder sb, String section, GroupP1 g, boolean partial) {
        row(sb, section, "", "", "", "", "", "", "", "", "", "", g.group(), g.n(), g.hits(), num(g.p1()), num(g.low()),
                num(g.high()), partial);
    }

    /** Writes the CSV of a result atomically (temporary file, then rename). */
    public static void writeCsv(Object result, Path out) {
        String text = csv(result);
        AtomicFiles.write(out, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        });
    }

    private static void row(StringBuilder sb, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(cell(String.valueOf(cells[i])));
        }
        sb.append('\n');
    }

    static String cell(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String num(double d) {
        return Double.isFinite(d) ? String.valueOf(d) : "";
    }

    // ---- JSON ----

    public static String json(Object result) {
        ObjectNode root = JSON.createObjectNode();
        switch (result) {
            case CurveResult r -> {
                root.put("kind", r.kind());
                root.put("partial", r.partial());
                root.put("itemsUsed", r.itemsUsed());
                root.put("skippedNoTranscript", r.skippedNoTranscript());
                root.put("skippedLowScore", r.skippedLowScore());
                ArrayNode curves = root.putArray("curves");
                for (Curve c : r.curves()) {
                    ObjectNode cn = curves.addObject();
                    cn.put("name", c.name());
                    cn.put("x", c.xLabel());
                    ArrayNode pts = cn.putArray("points");
                    for (CurvePoint p : c.points()) {
                        ObjectNode pn = pts.addObject();
                        put(pn, "level", p.level());
                        pn.put("draws", p.draws());
                        pn.put("items", p.items());
                        band(pn, "drop", p.drop());
                        band(pn, "score", p.score());
                        if (p.p1() != null) band(pn, "p1", p.p1());
                    }
                    BestFactorTest t = c.bestVsOne();
                    if (t != null) {
                        ObjectNode tn = cn.putObject("bestVsOne");
                        put(tn, "factor", t.factor());
                        tn.put("b", t.b());
                        tn.put("c", t.c());
                        tn.put("discordant", t.discordant());
                        put(tn, "p", t.p());
                        tn.put("otherFactors", t.otherFactors());
                        put(tn, "pBonferroni", t.pBonferroni());
                    }
                }
                meta(root, r.warnings(), r.provenance());
            }
            case IntelligibilityResult r -> {
                root.put("kind", "intelligibility");
                root.put("partial", r.partial());
                put(root, "temperature", r.temperature());
                root.put("temperatureFitted", r.fitted());
                root.put("vocabularySize", r.vocabularySize());
                root.put("skippedNoTranscript", r.skippedNoTranscript());
                root.put("skippedNotInVocabulary", r.skippedNotInVocabulary());
                ArrayNode rows = root.putArray("recordings");
                for (IntelligibilityRow x : r.rows()) {
                    ObjectNode n = rows.addObject();
                    n.put("rank", x.rank());
                    n.put("item", x.itemId());
                    n.put("intended", x.intended());
                    n.put("speaker", x.speaker());
                    n.put("source", x.source());
                    put(n, "score", x.score());
                    put(n, "cosine", x.cosine());
                    n.put("intendedRank", x.intendedRank());
                    n.put("bestOther", x.bestOther());
                    put(n, "bestOtherCosine", x.bestOtherCosine());
                }
                meta(root, r.warnings(), r.provenance());
            }
            case ConfusionResult r -> {
                root.put("kind", "confusions");
                root.put("partial", r.partial());
                root.put("totalConfusions", r.totalConfusions());
                root.put("distinctPairs", r.distinctPairs());
                root.put("skippedNoTranscript", r.skippedNoTranscript());
                root.put("skippedNotInVocabulary", r.skippedNotInVocabulary());
                group(root.putObject("overall"), r.overall());
                ArrayNode cs = root.putArray("confusions");
                for (Confusion c : r.confusions()) {
                    ObjectNode n = cs.addObject();
                    n.put("said", c.said());
                    n.put("heard", c.heard());
                    n.put("count", c.count());
                    n.put("editDistance", c.editDistance());
                    if (c.phonemeDistance() >= 0) {
                        n.put("phonemeDistance", c.phonemeDistance());
                        n.put("homophones", c.homophones());
                        n.put("saidIpa", c.saidIpa());
                        n.put("heardIpa", c.heardIpa());
                    }
                    n.put("minimalPair", c.minimalPair());
                    ArrayNode ids = n.putArray("items");
                    c.itemIds().forEach(ids::add);
                }
                ArrayNode sp = root.putArray("perSpeaker");
                for (GroupP1 g : r.perSpeaker()) group(sp.addObject(), g);
                ArrayNode pw = root.putArray("perWord");
                for (GroupP1 g : r.perWord()) group(pw.addObject(), g);
                meta(root, r.warnings(), r.provenance());
            }
            default -> throw new IllegalArgumentException("Not a probe result: " + result);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new WorkbenchException("Could not write the probe result as JSON: " + e.getMessage(), e);
        }
    }

    private static void group(ObjectNode n, GroupP1 g) {
        n.put("group", g.group());
        n.put("n", g.n());
        n.put("hits", g.hits());
        put(n, "p1", g.p1());
        put(n, "low", g.low());
        put(n, "high", g.high());
    }

    private static void band(ObjectNode parent, String name, Band b) {
        ObjectNode n = parent.putObject(name);
        put(n, "mean", b.mean());
        put(n, "low", b.low());
        put(n, "high", b.high());
        put(n, "sd", b.sd());
    }

    private static void put(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) n.put(k, v);
        else n.putNull(k);
    }

    private static void meta(ObjectNode root, List<String> warnings, Provenance p) {
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        ObjectNode pn = root.putObject("provenance");
        pn.put("kind", p.kind());
        pn.put("created", p.created().toString());
        ObjectNode e = pn.putObject("entries");
        p.entries().forEach(e::put);
    }

}
