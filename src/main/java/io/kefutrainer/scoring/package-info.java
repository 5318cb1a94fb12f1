/**
 * Scoring of trainee replies: polite wording, platform-rule violations, expected facts, offered price, typing and
 * response speed, and the session rubric. Pure Java over records: no Vert.x, no SQL, no JSON types in signatures.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * ScoringContent content = io.kefutrainer.content.ScoringFiles.load(Path.of("scenarios"));   // blocking: run off the event loop
 * Scorer scorer = Scorer.create(content);                                // compile once per content version
 * Annotations a = scorer.score(new ReplyInput(text, buyerMessages, first, closing, expectedFacts, typing, responseMs));
 * SessionResult r = SessionRubric.of(content).grade(annotationsOfAllReplies, Outcome.converted, satisfaction, null);
 * }</pre>
 * A {@link io.kefutrainer.scoring.Scorer} is immutable and thread-safe; {@link io.kefutrainer.scoring.ScoringContent#version()}
 * is a digest of the content files, so a caller can rebuild the scorer when it changes. Every finding and violation
 * carries start/end offsets into the reply as sent (normalisation keeps a map back to the original text).
 *
 * <h2>Content files (under {@code scenarios/})</h2>
 * Phrases are matched after normalisation: full-width to half-width, lower case, spaces dropped (kept between two
 * English words; a space between two runs of Chinese becomes a clause break ","; 、 becomes "/"), emoji dropped except hearts (which become ❤), filler symbols ({@code - _ * |}) dropped, traditional
 * to simplified characters, Chinese numerals to digits (三天 = 3天, 一百四十九 = 149). Write phrases naturally; write
 * regular expressions against the normalised form (digits, not 三).
 *
 * <h3>{@code lexicon/*.yaml}</h3>
 * <pre>
 * kind: polite | greeting | softener | apology | empathy | closing | forbidden | curt | blame | cold
 *       | negation | quote | complaint | price | synonym
 * entries:
 *   - id: forbidden.bu-zhidao        # unique across all lexicon files; reported on findings
 *     phrases: [不知道, 不清楚]
 *     patterns: ['regex', ...]       # optional, for wordings too varied to list
 *     except: [不知道您]              # optional: an overlapping longer phrase that makes the match not count
 *     advice: "..."                  # the better phrasing shown to the trainee (required for forbidden)
 *     points: -30                    # optional: overrides the kind's default in rubric.yaml
 *     softenable: true               # forbidden: a softener/apology in the same clause makes it a polite refusal
 *     clause_end: true               # forbidden: counts only at the end of a clause ("没办法!")
 *     impolite: always | complaint   # curt: when a bare one-word reply is impolite
 *     position: before | after | sentence | immediate   # negation: where the cue stands (sentence: later in the same sentence); window: max characters between
 *     role: offer | unit | end | discount | strong | hypothetical   # price cues; complaint cue strength
 * </pre>
 * Greeting, polite, softener, apology, empathy and closing earn points; forbidden, blame, curt and cold cost points;
 * negation and quote cues turn a rule phrase into a correct refusal or a quotation of the buyer; complaint cues are
 * read in the buyer's messages (a complaint calls for an apology or empathy); price cues locate the offered price;
 * synonym groups widen expected facts.
 *
 * <h3>{@code rules.yaml}</h3>
 * <pre>
 * version: "..."
 * params: {ship_within_hours: 48}
 * rules:
 *   - id: off-platform                # rule id, reported on violations
 *     title: ...
 *     category: off_platform          # only for violations: off_platform | review_manipulation | false_promise | abuse | privacy
 *     summary: ...
 *     source: ...                     # where the rule comes from (platform rule, law)
 *     violation:
 *       phrases: [...]                # any one is a violation
 *       patterns: ['regex', ...]      # over the normalised reply
 *       together: [[[group A...], [group B...]]]   # one phrase of each group in the same or next sentence
 *       requests: [差评, ...]          # together phrases a negation turns into a request ("别给差评"), not a refusal
 *     exceptions: [...]               # overlapping phrases that make a match fine ("100%纯棉")
 *     negatable: true                 # a negation cue next to the match makes it a correct refusal (default)
 *     supersedes: [rule ids]          # this rule's violation replaces theirs in the same sentence
 *     knowledge: [...]                # phrases showing the trainee knows the rule; "rule:&lt;id&gt;" in an expected fact
 *     advice: "..."
 * </pre>
 *
 * <h3>{@code rubric.yaml}</h3>
 * Weights per dimension (rules, politeness, speed, outcome), {@code pass_mark}, {@code tiers} (name, min; best
 * first), {@code must_pass}, {@code violation_penalty}, and the politeness parameters: {@code base},
 * {@code polite_from}, {@code impolite_below}, {@code severe_at} (one finding this bad makes a reply impolite),
 * {@code points} per finding type, {@code max_hits} per type, {@code advice} for missing greeting/apology/closing;
 * speed targets (response target and cut-off in seconds, typing target and plausibility limit in 字/分钟);
 * outcome scores and the satisfaction share.
 *
 * <h3>{@code kpi.yaml}</h3>
 * {@code last_sessions} and {@code targets: {key: {label, unit, min?, max?}}} read into {@link io.kefutrainer.scoring.KpiTargets}.
 *
 * <h3>{@code normalise.yaml}</h3>
 * {@code traditional: {繁: 简}} one character to one character, and {@code hearts: [...]} symbols read as ❤.
 */
package io.kefutrainer.scoring;
