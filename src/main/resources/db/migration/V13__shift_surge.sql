-- 大促 surge shifts (issue 15): buyers come faster and ask pre-sale, promotion and logistics questions more often.
ALTER TABLE shifts ADD COLUMN surge boolean NOT NULL DEFAULT false;
