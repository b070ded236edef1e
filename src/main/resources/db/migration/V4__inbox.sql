-- Every message the bot acknowledged, written BEFORE the acknowledgement (in the same transaction
-- as its dedupe keys): a process killed after the ack leaves the row behind and the next start
-- answers it, instead of the platform's retry being dropped as a duplicate of a lost question.
-- state: pending (not taken), claimed (a worker of replica claimed_by holds it until lease_until),
-- done. attempts counts the claims; started_at marks that a platform write had begun; sent_ref is
-- what the platform returned for a message already posted (a Slack placeholder's ts, a DingTalk
-- card's outTrackId), so a resumed attempt can finish it instead of posting again.
CREATE TABLE inbox (
    id            ${id_column},
    platform      VARCHAR(32)   NOT NULL,
    conversation  VARCHAR(255)  NOT NULL,
    thread        VARCHAR(255),
    sender        VARCHAR(255)  NOT NULL,
    text          TEXT          NOT NULL,
    dedupe_keys   TEXT          NOT NULL,
    reply_address TEXT          NOT NULL,
    received_at   BIGINT        NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    claimed_by    VARCHAR(255),
    lease_until   BIGINT,
    attempts      INTEGER       NOT NULL,
    started_at    BIGINT,
    sent_ref      VARCHAR(255),
    finished_at   BIGINT,
    outcome       VARCHAR(32)
);
CREATE INDEX inbox_due ON inbox (platform, state, id);
CREATE INDEX inbox_finished ON inbox (finished_at);
