-- Appeals (申诉): a trainee disputes one target of a reply's annotations (a politeness finding "f<n>", a violation
-- "v<n>", numbered by position in the stored annotations, or the verdict "verdict"); a trainer of the trainee's
-- cohort (or an admin) accepts or rejects it. The reply's stored annotations are never changed: they stay what the
-- scorer said (and what the dialogue engine branched on when the session is replayed). An accepted appeal overrules
-- its target; the KPI views below leave overruled violations and forbidden phrases out, and the session's stored
-- scorecard is re-graded in the same transaction as the decision (the V6/V9 triggers then refresh the roll-ups).

CREATE TABLE appeals (
    id               bigserial   PRIMARY KEY,
    session_id       uuid        NOT NULL,
    reply_seq        integer     NOT NULL,
    target           text        NOT NULL,
    user_id          bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason           text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    status           text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- the disputed item as the scorer produced it, and the content version of the session that produced it
    finding          jsonb       NOT NULL,
    content_version  bigint      NOT NULL,
    -- the decision (audit): who, when, why, and the session's grade before and after an accepted appeal
    decided_by       bigint      REFERENCES users (id) ON DELETE SET NULL,
    decided_at       timestamptz,
    comment          text,
    scorecard_before jsonb,
    scorecard_after  jsonb,
    -- when the trainee was shown the decision in 我的进步
    seen_at          timestamptz,
    FOREIGN KEY (session_id, reply_seq) REFERENCES session_events (session_id, seq) ON DELETE CASCADE,
    CHECK ((status = 'open') = (decided_at IS NULL))
);
-- one appeal per target: a second one for the same target is a conflict, whatever became of the first
CREATE UNIQUE INDEX appeals_target ON appeals (session_id, reply_seq, target);
CREATE INDEX appeals_open ON appeals (created_at) WHERE status = 'open';
CREATE INDEX appeals_user ON appeals (user_id, created_at DESC);

-- Replies a trainer labelled directly for the calibration set (评分校准): the verdict and violation categories a
-- person says are right. Decided appeals join the set on their own (see AppealStore.calibrationSet).
CREATE TABLE calibration_labels (
    session_id  uuid        NOT NULL,
    reply_seq   integer     NOT NULL,
    verdict     text        NOT NULL CHECK (verdict IN ('polite', 'neutral', 'impolite')),
    violations  text[]      NOT NULL DEFAULT '{}',
    labelled_by bigint      REFERENCES users (id) ON DELETE SET NULL,
    labelled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, reply_seq),
    FOREIGN KEY (session_id, reply_seq) REFERENCES session_events (session_id, seq) ON DELETE CASCADE
);

-- kpi_replies of V5 without overruled targets: a violation or forbidden phrase a trainer overruled on appeal no
-- longer counts. Items are numbered by position as the API numbers them (AnnotationsJson).
CREATE OR REPLACE VIEW kpi_replies AS
SELECT e.session_id,
       e.seq,
       -- replies without an accepted appeal (nearly all) keep V5's plain count
       CASE WHEN EXISTS (SELECT 1 FROM appeals a WHERE a.session_id = e.session_id AND a.reply_seq = e.seq AND a.status = 'accepted')
            THEN (SELECT count(*) FROM jsonb_array_elements(coalesce(e.annotations -> 'violations', '[]'::jsonb)) WITH ORDINALITY v (item, n)
                  WHERE NOT EXISTS (SELECT 1 FROM appeals a WHERE a.session_id = e.session_id AND a.reply_seq = e.seq
                                    AND a.status = 'accepted' AND a.target = 'v' || v.n))::integer
            ELSE coalesce(jsonb_array_length(e.annotations -> 'violations'), 0) END AS violations,
       (SELECT count(*) FROM jsonb_array_elements(coalesce(e.annotations -> 'politeness' -> 'findings', '[]'::jsonb)) WITH ORDINALITY f (item, n)
        WHERE f.item ->> 'type' = 'forbidden'
          AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.session_id = e.session_id AND a.reply_seq = e.seq
                          AND a.status = 'accepted' AND a.target = 'f' || f.n)) AS forbidden,
       CASE WHEN coalesce((e.metrics ->> 'pasted')::int, 0) = 0
             AND coalesce((e.metrics ->> 'quickPhrase')::int, 0) = 0
             AND (e.metrics ->> 'committedHan')::int > 0
             AND (e.metrics ->> 'activeMs')::bigint > 0
             AND coalesce((e.annotations -> 'speed' ->> 'plausible')::boolean, true)
            THEN (e.metrics ->> 'committedHan')::float8 * 60000 / (e.metrics ->> 'activeMs')::float8
       END AS typed_cpm
FROM session_events e
WHERE e.sender = 'trainee';
