package org.crossmodal.workbench.cli;

import static org.crossmodal.workbench.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.probe.Planted;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;
import org.crossmodal.workbench.workflow.ProbeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {
    @TempDir
    Path dir;

    /** An imported session (no models): "cat" recordings by ann are heard as "bat". */
    Path session() {
        Session s = new Session();
        List<String> words = List.of("cat", "bat", "dog", "house");
        List<String> sid = new ArrayList<>(), tid = new ArrayList<>();
        List<float[]> sv = new ArrayList<>(), tv = new ArrayList<>();
        for (String speaker : List.of("ann", "bob")) {
            for (String w : words) {
                String id = speaker + "/" + w;
                s.addItem(new Item(id, Modality.SPEECH, w, id + ".wav", speaker));
                sid.add(id);
                sv.add(Planted.hashVector(speaker.equals("ann") && w.equals("cat") ? "bat" : w, Planted.DIM));
            }
        }
        for (String w : words) {
            s.addItem(new Item("t/" + w, Modality.TEXT, w, null, null));
            tid.add("t/" + w);
            tv.add(Planted.hashVector(w, Planted.DIM));
        }
        s.putSpace(EmbeddingSet.ofRows("speech:x", Modality.SPEECH, sid, sv.toArray(new float[0][]), "x", Provenance.of("import")));
        s.putSpace(EmbeddingSet.ofRows("text:x", Modality.TEXT, tid, tv.toArray(new float[0][]), "x", Provenance.of("import")));
        Path f = dir.resolve("s.cmw");
        SessionStore.save(s, f);
        return f;
    }

    @Test
    void confusionsAsTableJsonAndCsv() throws Exception {
        Path f = session();
        CliRun t = run("probe", f.toString(), "--kind", "confusions");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("P@1 0.875 over 8 recordings"), t.out());
        assertTrue(t.out().matches("(?s).*\\n\\s+1  cat\\s+bat\\s+1\\s+[1-]\\s+yes\\s+ann/cat.*"), t.out());

        Path csv = dir.resolve("c.csv");
        CliRun j = run("probe", f.toString(), "--kind", "confusions", "--json", "--out", csv.toString());
        assertEquals(0, j.code(), j.err());
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertEquals("confusions", n.get("kind").asText());
        assertFalse(n.get("partial").asBoolean());
        assertEquals("cat", n.get("confusions").get(0).get("said").asText());
        assertEquals("ann", n.get("perSpeaker").get(0).get("group").asText());
        assertEquals(0.75, n.get("perSpeaker").get(0).get("p1").asDouble(), 1e-12);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("section,said,heard,count,edit_distance,phoneme_distance,minimal_pair,homophones,said_ipa,heard_ipa,items,"
                + "group,n,hits,p1,p1_low,p1_high,partial", lines.get(0));
        // The IPA columns are filled where espeak-ng is installed (cat/bat differ in one phoneme) and empty elsewhere.
        String[] row = lines.get(1).split(",", -1);
        assertEquals(List.of("confusion", "cat", "bat", "1", "1"), List.of(row).subList(0, 5));
        assertTrue(row[5].isEmpty() || row[5].equals("1"), lines.get(1));
        assertEquals("true", row[6]);
        assertEquals("ann/cat", row[10]);
        String[] overall = lines.get(2).split(",", -1);
        assertEquals(List.of("overall", "all", "8", "7", "0.875", "false"), List.of(overall[0], overall[11], overall[12],
                overall[13], overall[14], overall[17]));
    }

    @Test
    void intelligibilityRanksRecordings() throws Exception {
        CliRun r = run("probe", session().toString(), "--kind", "intelligibility", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        JsonNode recs = n.get("recordings");
        assertEquals(8, recs.size());
        assertEquals("ann/cat", recs.get(7).get("item").asText(), "the wrong-word recording ranks last");
        assertTrue(recs.get(7).get("score").asDouble() < 0.1);
    }

    @Test
    void aSessionWithOneRecordingWorksAndSaysSo() throws Exception {
        Session s = new Session();
        s.addItem(new Item("r", Modality.SPEECH, "cat", "r.wav", "ann"));
        s.addItem(new Item("t1", Modality.TEXT, "cat", null, null));
        s.addItem(new Item("t2", Modality.TEXT, "dog", null, null));
        s.putSpace(EmbeddingSet.ofRows("speech:x", Modality.SPEECH, List.of("r"),
                new float[][] {Planted.hashVector("cat", Planted.DIM)}, "x", Provenance.of("import")));
        s.putSpace(EmbeddingSet.ofRows("text:x", Modality.TEXT, List.of("t1", "t2"),
                new float[][] {Planted.hashVector("cat", Planted.DIM), Planted.hashVector("dog", Planted.DIM)}, "x",
                Provenance.of("import")));
        Path f = dir.resolve("one.cmw");
        SessionStore.save(s, f);
        CliRun c = run("probe", f.toString(), "--kind", "confusions");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("P@1 1.000 over 1 recordings"), c.out());
        assertTrue(c.out().contains("note: Only one recording was matched."), c.out());
        CliRun i = run("probe", f.toString(), "--kind", "intelligibility");
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("fitted on only 1 recording"), i.out());
    }

    @Test
    void voiceShiftAsTableCsvAndJson() throws Exception {
        var saved = ProbeCommand.workflow;
        ProbeCommand.workflow = () -> ProbeFixtures.toneWorkflow(1.25);
        try {
            Path f = dir.resolve("tone.cmw");
            SessionStore.save(ProbeFixtures.toneSession(dir, 1.25), f);
            Path csv = dir.resolve("vs.csv");
            CliRun t = run("probe", f.toString(), "--kind", "voice-shift", "--out", csv.toString());
            assertEquals(0, t.code(), t.err());
            // The planted voice is 1.25 times higher than the one the planted encoder knows: lowered by 0.8 it is found again.
            String out = t.out();
            assertTrue(out.startsWith("voice-shift: 8 recordings, speech:tone vs text:tone (shared space planted), seed 1\n"
                    + "clean P@1 0.125\n"), out);
            assertTrue(out.contains("   factor   recs     drop          95% band   score     P@1\n"), out);
            assertTrue(out.contains("      0.8      8    -8.2%    [-8.2%, -8.2%]   1.000   1.000\n"), out);
            assertTrue(out.contains("        1      8     0.0%      [0.0%, 0.0%]   0.924   0.125\n"), out);
            assertTrue(out.contains("      1.3      8    28.9%    [28.9%, 28.9%]   0.657   0.125\n"), out);
            // Seven words heard only lowered, none only as they are: p = 2 / 2^7, and 10 times that over the other factors.
            assertTrue(out.contains("best P@1 1.000 at factor 0.8 (95% interval 0.676..1.000, score 1.000); at factor 1: 0.125; "
                    + "p = 0.016 (paired, n = 7 discordant; 0.156 over 10 factors)\n" + ProbeCommand.PAIRED_NOTE), out);
            assertTrue(ProbeCommand.PAIRED_NOTE.contains("Optimistic: the best factor is\n   picked on these same recordings"));
            assertTrue(t.err().contains("wrote " + csv.toAbsolutePath()), t.err());
            List<String> lines = Files.readAllLines(csv);
            assertEquals(12, lines.size());
            assertEquals(org.crossmodal.workbench.workflow.ProbeReports.CURVE_HEADER, lines.get(0));
            String[] row = lines.get(3).split(",", -1);
            assertEquals(List.of("voice-shift", "voice-shift", "resampling factor (below 1: deeper voice; above 1: higher)", "0.8",
                    "1", "8"), List.of(row).subList(0, 6));
            assertEquals(1 - 1 / Math.cos(Math.PI / 8), Double.parseDouble(row[6]), 1e-4);
            assertEquals(List.of("1.0", "false"), List.of(row[12], row[15]));
            // The paired test sits at the end of the best factor's row; the other rows leave its four columns empty.
            assertTrue(org.crossmodal.workbench.workflow.ProbeReports.CURVE_HEADER.endsWith(
                    ",p1_high,partial,paired_b,paired_c,paired_p,paired_p_bonferroni"));
            assertEquals(List.of("7", "0", "0.015625", "0.15625"), List.of(row).subList(16, 20));
            for (int k = 1; k < lines.size(); k++) {
                if (k != 3) assertTrue(lines.get(k).endsWith(",false,,,,"), lines.get(k));
            }
            try (var files = Files.list(dir)) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left beside the CSV");
            }
            CliRun j = run("probe", f.toString(), "--kind", "voice-shift", "--factors", "1.2,0.8,1", "--sample", "4", "--seed", "3",
                    "--json");
            assertEquals(0, j.code(), j.err());
            JsonNode n = new ObjectMapper().readTree(j.out());
            assertEquals("voice-shift", n.get("kind").asText());
            assertEquals(4, n.get("itemsUsed").asInt());
            assertEquals("0.8,1,1.2", n.get("provenance").get("entries").get("factors").asText(), "sorted");
            assertEquals("3", n.get("provenance").get("entries").get("seed").asText());
            JsonNode p08 = n.get("curves").get(0).get("points").get(0);
            assertEquals(0.8, p08.get("level").asDouble());
            assertEquals(1, p08.get("draws").asInt());
            assertEquals(1.0, p08.get("p1").get("mean").asDouble(), 0.0);
            // Of the 4 sampled words, all are heard lowered by 0.8; "eight", if drawn, is heard at 1 as well.
            JsonNode best = n.get("curves").get(0).get("bestVsOne");
            assertEquals(0.8, best.get("factor").asDouble(), 0.0);
            assertEquals(0, best.get("c").asInt());
            assertEquals(best.get("b").asInt(), best.get("discordant").asInt());
            assertEquals(2, best.get("otherFactors").asInt());
            assertEquals(org.crossmodal.workbench.probe.McNemar.exactP(best.get("b").asInt(), 0), best.get("p").asDouble(), 0.0);
            assertEquals(Math.min(1, 2 * best.get("p").asDouble()), best.get("pBonferroni").asDouble(), 0.0);
        } finally {
            ProbeCommand.workflow = saved;
        }
    }

    @Test
    void voiceShiftBySpeakerSummarisesEachSpeakerAndWritesEveryCurve() throws Exception {
        var saved = ProbeCommand.workflow;
        ProbeCommand.workflow = () -> ProbeFixtures.toneWorkflow(ProbeFixtures.twoVoices());
        try {
            Path f = dir.resolve("voices.cmw");
            SessionStore.save(ProbeFixtures.toneSession(dir, ProbeFixtures.twoVoices()), f);
            Path csv = dir.resolve("vs.csv");
            CliRun t = run("probe", f.toString(), "--kind", "voice-shift", "--by-speaker", "--out", csv.toString());
            assertEquals(0, t.code(), t.err());
            String out = t.out();
            assertTrue(out.startsWith("voice-shift: 16 recordings, speech:tone vs text:tone (shared space planted), seed 1\n"
                    + "clean P@1 0.563\n\nall  (resampling factor"), out);
            // The curve "all" in full: mixed, the two voices give the same P@1 from 0.75 to 1.1.
            assertTrue(out.contains("      0.8     16    -0.3%     [-4.7%, 4.0%]   0.962   0.563\n"), out);
            assertTrue(out.contains("        1     16     0.0%      [0.0%, 0.0%]   0.962   0.563\n"), out);
            // Then one line per curve: the known voice is retrieved best as it is, the higher one lowered by 0.8.
            // The mix is best at 0.9 by its score alone, with the same recordings right as at 1 (b = c = 0); the known voice
            // is best at 1 and has no test; the higher one gains seven words lowered and loses none.
            assertTrue(out.contains("best P@1 0.563 at factor 0.9 (95% interval 0.332..0.769, score 0.981); at factor 1: 0.563; "
                    + "p = 1.000 (paired, n = 0 discordant; 1.000 over 10 factors)\n"), out);
            assertTrue(out.contains("\nP@1 per speaker: the factor of highest P@1 (ties: the higher score), P@1 at factor 1, and the "
                    + "paired test of the two\n"
                    + "speaker                recs  best at     P@1      95% interval   score  P@1 at 1       b/c  p paired Bonferroni\n"
                    + "all                      16      0.9   0.563    [0.332, 0.769]   0.981     0.563       0/0     1.000      1.000\n"
                    + "tone                      8        1   1.000    [0.676, 1.000]   1.000     1.000         -         -          -\n"
                    + "tone-high                 8      0.8   1.000    [0.676, 1.000]   1.000     0.125       7/0     0.016      0.156\n"
                    + "(each speaker's curve in full: --out FILE.csv or --json)\n" + ProbeCommand.PAIRED_NOTE), out);
            assertFalse(out.contains("\ntone  (resampling factor"), "the speakers' curves are summarised, not listed in full");

            // The CSV holds every curve, named in the curve column as the noise probe's curves are.
            List<String> lines = Files.readAllLines(csv);
            assertEquals(org.crossmodal.workbench.workflow.ProbeReports.CURVE_HEADER, lines.get(0));
            assertEquals(1 + 3 * 11, lines.size());
            List<String> curves = lines.stream().skip(1).map(l -> l.split(",", -1)[1]).distinct().toList();
            assertEquals(List.of("all", "tone", "tone-high"), curves);
            String[] high08 = lines.stream().skip(1).map(l -> l.split(",", -1))
                    .filter(r -> r[1].equals("tone-high") && r[3].equals("0.8")).findFirst().orElseThrow();
            assertEquals(List.of("voice-shift", "tone-high", "resampling factor (below 1: deeper voice; above 1: higher)", "0.8",
                    "1", "8"), List.of(high08).subList(0, 6));
            assertEquals(List.of("1.0", "false"), List.of(high08[12], high08[15]));
            String[] tone1 = lines.stream().skip(1).map(l -> l.split(",", -1))
                    .filter(r -> r[1].equals("tone") && r[3].equals("1.0")).findFirst().orElseThrow();
            assertEquals("1.0", tone1[12]);
            assertEquals(List.of("7", "0", "0.015625", "0.15625"), List.of(high08).subList(16, 20));
            assertEquals(List.of("", "", "", ""), List.of(tone1).subList(16, 20), "the known voice is best at 1: no test");
            String[] high1 = lines.stream().skip(1).map(l -> l.split(",", -1))
                    .filter(r -> r[1].equals("tone-high") && r[3].equals("1.0")).findFirst().orElseThrow();
            assertEquals("0.125", high1[12]);

            // --sample counts per speaker: 3 of each, 6 in all; the JSON names every curve.
            CliRun j = run("probe", f.toString(), "--kind", "voice-shift", "--by-speaker", "--factors", "0.8,1", "--sample", "3",
                    "--json");
            assertEquals(0, j.code(), j.err());
            JsonNode n = new ObjectMapper().readTree(j.out());
            assertEquals(6, n.get("itemsUsed").asInt());
            assertEquals("true", n.get("provenance").get("entries").get("bySpeaker").asText());
            assertEquals("all", n.get("curves").get(0).get("name").asText());
            assertEquals("tone-high", n.get("curves").get(2).get("name").asText());
            assertEquals(3, n.get("curves").get(2).get("points").get(0).get("items").asInt());
            assertEquals(1.0, n.get("curves").get(2).get("points").get(0).get("p1").get("mean").asDouble(), 0.0);
            // Three of the higher voice, all heard lowered by 0.8; the known voice is best at 1 and has no test.
            JsonNode high = n.get("curves").get(2).get("bestVsOne");
            assertEquals(0.8, high.get("factor").asDouble(), 0.0);
            assertEquals(high.get("b").asInt() + high.get("c").asInt(), high.get("discordant").asInt());
            assertEquals(1, high.get("otherFactors").asInt());
            assertEquals(high.get("p").asDouble(), high.get("pBonferroni").asDouble(), 0.0, "one other factor: no correction");
            assertNull(n.get("curves").get(1).get("bestVsOne"));
        } finally {
            ProbeCommand.workflow = saved;
        }
    }

    @Test
    void badInputsGiveOneLineReasons() throws Exception {
        Path f = session();
        CliRun k = run("probe", f.toString(), "--kind", "vibes");
        assertEquals(1, k.code());
        assertTrue(k.err().contains("Unknown probe 'vibes'"), k.err());
        CliRun m = run("probe", f.toString(), "--kind", "noise", "--mix", "0,150");
        assertEquals(1, m.code());
        assertTrue(m.err().contains("--mix: 150 is outside 0..100"), m.err());
        CliRun s = run("probe", f.toString(), "--kind", "noise", "--snr", "120");
        assertEquals(1, s.code());
        assertTrue(s.err().contains("SNR (dB) 120.0 is outside"), s.err());
        CliRun fac = run("probe", f.toString(), "--kind", "voice-shift", "--factors", "0.8,3");
        assertEquals(1, fac.code());
        assertTrue(fac.err().contains("--factors: The resampling factor 3 is outside [0.5, 2]: give a factor, not a percentage"),
                fac.err());
        CliRun word = run("probe", f.toString(), "--kind", "voice-shift", "--factors", "0.8,low");
        assertEquals(1, word.code());
        assertTrue(word.err().contains("--factors: 'low' is not a number."), word.err());
        CliRun nan = run("probe", f.toString(), "--kind", "voice-shift", "--factors", "NaN");
        assertEquals(1, nan.code());
        assertTrue(nan.err().contains("--factors: The resampling factor NaN is not a finite number"), nan.err());
        CliRun twice = run("probe", f.toString(), "--kind", "voice-shift", "--factors", "0.9,0.9");
        assertTrue(twice.err().contains("0.9 is given twice"), twice.err());
        CliRun draws = run("probe", f.toString(), "--kind", "voice-shift", "--draws", "3");
        assertEquals(1, draws.code());
        assertTrue(draws.err().contains("--draws: the voice-shift probe is deterministic"), draws.err());
        CliRun other = run("probe", f.toString(), "--kind", "noise", "--factors", "0.8");
        assertEquals(1, other.code());
        assertTrue(other.err().contains("--factors applies to --kind voice-shift only"), other.err());
        CliRun bs = run("probe", f.toString(), "--kind", "noise", "--by-speaker");
        assertEquals(1, bs.code());
        assertTrue(bs.err().contains("--by-speaker applies to --kind voice-shift only; leave it out for noise. For P@1 per "
                + "speaker without any change to the audio, use --kind confusions."), bs.err());
        CliRun bsc = run("probe", f.toString(), "--kind", "confusions", "--by-speaker");
        assertEquals(1, bsc.code());
        assertTrue(bsc.err().contains("--by-speaker applies to --kind voice-shift only; leave it out for confusions (it lists "
                + "P@1 per speaker already)."), bsc.err());
        CliRun bsn = run("probe", f.toString(), "--kind", "voice-shift", "--by-speaker", "--sample", "-2");
        assertEquals(1, bsn.code());
        assertTrue(bsn.err().contains("Sample size must be 0 (all) or positive, got -2."), bsn.err());
        CliRun impShift = run("probe", f.toString(), "--kind", "voice-shift");
        assertEquals(1, impShift.code());
        assertTrue(impShift.err().contains("the voice-shift probe cannot re-encode") && impShift.err().contains("imported"),
                impShift.err());
        CliRun imp = run("probe", f.toString(), "--kind", "text-perturbation");
        assertEquals(1, imp.code());
        assertTrue(imp.err().contains("imported"), imp.err());
        CliRun missing = run("probe", dir.resolve("nope.cmw").toString(), "--kind", "confusions");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.cmw"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }
}
