#!/usr/bin/env python3
"""Print the metrics tables of docs/models.md from the evaluation output (work/eval.json).

Usage: report.py EVAL_JSON
"""
import json
import sys


def f(x):
    return f"{x:.3f}"


def main():
    r = json.load(open(sys.argv[1], encoding="utf-8"))
    hv = r["heldout_voices"]
    hw = r["heldout_words_heldout_voices"]
    hs = r["heldout_words_training_voices"]
    p = r["probes"]
    lexicon = (f", also reading {r['text_phase3_lexicon_words']} lexicon words through the phoneme tower"
               if r.get("text_phase3_lexicon_words") else "")
    phase3 = (f", then {r['text_phase3_steps']} steps of phase 3 (the text tower alone{lexicon})"
              if r.get("text_phase3_steps") else "")
    print(f"Checkpoint after {r['checkpoint_step']} steps of its last joint training phase{phase3}; vocabulary {r['vocabulary']} words "
          f"({r['heldout_words']} of them held out of training).\n")
    print("| set | queries | speech -> text P@1 | P@5 | text -> speech P@1 | P@5 |")
    print("|---|---|---|---|---|---|")
    print(f"| held-out voices, all words | {hv['speech_to_text']['queries']} | {f(hv['speech_to_text']['P@1'])} | "
          f"{f(hv['speech_to_text']['P@5'])} | {f(hv['text_to_speech']['P@1'])} | {f(hv['text_to_speech']['P@5'])} |")
    print(f"| held-out words, held-out voices | {hw['speech_to_text']['queries']} | {f(hw['speech_to_text']['P@1'])} | "
          f"{f(hw['speech_to_text']['P@5'])} | {f(hw['text_to_speech']['P@1'])} | {f(hw['text_to_speech']['P@5'])} |")
    print(f"| held-out words, training voices ({', '.join(hs['voices'])}) | {hs['speech_to_text']['queries']} | "
          f"{f(hs['speech_to_text']['P@1'])} | {f(hs['speech_to_text']['P@5'])} | - | - |")
    if "homophones" in r:
        h = r["homophones"]
        print(f"\n{h['words_sharing_a_pronunciation']} vocabulary words share their espeak-ng (en-us) pronunciation "
              f"with another word (e.g. {', '.join('/'.join(g) for g in h['examples'][:6])}); counting a top word "
              f"that sounds the same as a hit, speech -> text P@1 on the held-out voices is "
              f"{f(h['heldout_voices_speech_to_text_P@1_homophone_tolerant'])}.")
    print()
    print("Per held-out voice (all words):\n")
    print("| voice | speech -> text P@1 | P@5 | text -> speech P@1 | P@5 |")
    print("|---|---|---|---|---|")
    for v, m in hv["per_voice"].items():
        print(f"| `{v}` | {f(m['speech_to_text_P@1'])} | {f(m['speech_to_text_P@5'])} | "
              f"{f(m['text_to_speech_P@1'])} | {f(m['text_to_speech_P@5'])} |")
    print()
    print("Per held-out voice, held-out words only:\n")
    print("| voice | speech -> text P@1 | P@5 | text -> speech P@1 | P@5 |")
    print("|---|---|---|---|---|")
    for v, m in hw["per_voice"].items():
        print(f"| `{v}` | {f(m['speech_to_text_P@1'])} | {f(m['speech_to_text_P@5'])} | "
              f"{f(m['text_to_speech_P@1'])} | {f(m['text_to_speech_P@5'])} |")
    print()
    print(f"SCRAPS probes on {p['clips']} clips of the held-out voices: mean matching cosine "
          f"{f(p['match_score_mean'])} (random word: {f(p['random_pair_score_mean'])}).\n")
    print("| probe | mean matching cosine | relative drop |")
    print("|---|---|---|")
    print(f"| 20% of the characters replaced | {f(p['char20_score_mean'])} | {p['char20_drop'] * 100:.1f}% |")
    print(f"| audio mixed with 75% Gaussian noise | {f(p['noise75_score_mean'])} | {p['noise75_drop'] * 100:.1f}% |")
    print(f"\nWith 75% noise, speech -> text P@1 on the same clips is {f(p['noise75_speech_to_text_P@1'])}.")
    print("\nExamples of replaced characters: " + ", ".join(f"{a} -> {b}" for a, b in p["examples_char20"]))


if __name__ == "__main__":
    main()
