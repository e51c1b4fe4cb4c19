package org.crossmodal.workbench.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;

import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Ogg Vorbis through JOrbis directly (the Java Sound provider returns no samples on current JDKs). Decodes the
 * first logical stream to floats, checking the duration limit while decoding.
 */
final class OggVorbisReader {
    private static final int CHUNK = 8192;

    private OggVorbisReader() {
    }

    static Audio read(Path file, AudioLoader loader, boolean mono) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            SyncState oy = new SyncState();
            StreamState os = new StreamState();
            Page og = new Page();
            Packet op = new Packet();
            Info vi = new Info();
            Comment vc = new Comment();
            oy.init();
            feed(oy, in);
            if (oy.pageout(og) != 1) throw damaged(file, "no Ogg page at the start");
            os.init(og.serialno());
            vi.init();
            vc.init();
            if (os.pagein(og) < 0 || os.packetout(op) != 1 || vi.synthesis_headerin(vc, op) < 0) {
                throw damaged(file, "the first packet is not a Vorbis header (another codec, e.g. Opus or FLAC in Ogg?)");
            }
            int headers = 1;
            while (headers < 3) {
                int r = oy.pageout(og);
                if (r == 1) {
                    os.pagein(og);
                    while (headers < 3) {
                        int p = os.packetout(op);
                        if (p == 0) break;
                        if (p < 0 || vi.synthesis_headerin(vc, op) < 0) throw damaged(file, "a damaged Vorbis header");
                        headers++;
                    }
                } else if (feed(oy, in) <= 0) {
                    throw damaged(file, "the file ends inside the Vorbis headers");
                }
            }
            int channels = vi.channels;
            int rate = vi.rate;
            if (channels <= 0 || rate <= 0) throw damaged(file, "the header gives " + channels + " channels at " + rate + " Hz");
            long maxFrames = (long) Math.floor(loader.options().maxSeconds() * rate);
            DspState vd = new DspState();
            Block vb = new Block(vd);
            vd.synthesis_init(vi);
            vb.init(vd);
            float[][][] pcmHolder = new float[1][][];
            int[] index = new int[channels];
            AudioLoader.FloatCollector out = new AudioLoader.FloatCollector(1, rate);
            long frames = 0;
            boolean eos = false;
            while (!eos) {
                int r = oy.pageout(og);
                if (r == 0) {
                    if (feed(oy, in) <= 0) break;
                    continue;
                }
                if (r < 0) continue; // a gap in the data: skip to the next page
                os.pagein(og);
                while (true) {
                    int p = os.packetout(op);
                    if (p == 0) break;
                    if (p < 0) continue;
                    if (vb.synthesis(op) == 0) vd.synthesis_blockin(vb);
                    int n;
                    while ((n = vd.synthesis_pcmout(pcmHolder, index)) > 0) {
                        float[][] pcm = pcmHolder[0];
                        for (int j = 0; j < n; j++) {
                            if (mono) {
                                float s = 0;
                                for (int c = 0; c < channels; c++) s += pcm[c][index[c] + j];
                                out.add(s / channels);
                            } else {
                                for (int c = 0; c < channels; c++) out.add(pcm[c][index[c] + j]);
                            }
                        }
                        frames += n;
                        if (frames > maxFrames) throw loader.tooLong(file, -1);
                        vd.synthesis_read(n);
                    }
                }
                if (og.eos() != 0) eos = true;
            }
            if (frames == 0) throw AudioLoader.noSamples(file);
            return new Audio(out.toArray(), rate, mono ? 1 : channels, file.toString());
        } catch (RuntimeException e) {
            if (e instanceof WorkbenchException w) throw w;
            throw damaged(file, e.toString());
        }
    }

    private static int feed(SyncState oy, InputStream in) throws IOException {
        int at = oy.buffer(CHUNK);
        int n = in.read(oy.data, at, CHUNK);
        if (n > 0) oy.wrote(n);
        return n;
    }

    private static WorkbenchException damaged(Path file, String what) {
        return new WorkbenchException("Audio file " + file + " could not be decoded as Ogg Vorbis: " + what
                + ". The file may be damaged or use another codec; convert it to WAV or FLAC.");
    }
}
