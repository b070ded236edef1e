-- One schema for SQLite and PostgreSQL. Instants are epoch milliseconds (BIGINT): both databases
-- compare and index them the same way, and no driver converts time zones behind our back.
-- ${id_column} is the only dialect difference (an auto-increment primary key), set by Database.

CREATE TABLE subscriptions (
    id                  ${id_column},
    platform            VARCHAR(32)   NOT NULL,
    conversation_id     VARCHAR(255)  NOT NULL,
    schedule_kind       VARCHAR(16)   NOT NULL,
    schedule_expression VARCHAR(255)  NOT NULL,
    zone                VARCHAR(64)   NOT NULL,
    topics              VARCHAR(1000) NOT NULL,
    created_by          VARCHAR(255)  NOT NULL,
    created_at          BIGINT        NOT NULL,
    active              BOOLEAN       NOT NULL,
    stopped_at          BIGINT
);
CREATE INDEX subscriptions_conversation ON subscriptions (platform, conversation_id);

-- A DingTalk group's custom robot (webhook URL with access token, and the signing secret):
-- one per group, used by all of its subscriptions, present and future.
CREATE TABLE robot_webhooks (
    platform        VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(255)  NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    secret          VARCHAR(500)  NOT NULL,
    saved_by        VARCHAR(255)  NOT NULL,
    saved_at        BIGINT        NOT NULL,
    CONSTRAINT robot_webhooks_pk PRIMARY KEY (platform, conversation_id)
);

-- One row per (subscription, slot), inserted BEFORE posting: the primary key is the claim.
CREATE TABLE digest_slots (
    subscription_id BIGINT        NOT NULL REFERENCES subscriptions (id),
    slot_time       BIGINT        NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    claimed_by      VARCHAR(255)  NOT NULL,
    claimed_at      BIGINT        NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at BIGINT,
    posted_at       BIGINT,
    last_error      VARCHAR(1000),
    CONSTRAINT digest_slots_pk PRIMARY KEY (subscription_id, slot_time)
);
CREATE INDEX digest_slots_status ON digest_slots (status, next_attempt_at);

-- What each conversation was sent, for rotation.
CREATE TABLE sent_passages (
    id              ${id_column},
    subscription_id BIGINT       NOT NULL REFERENCES subscriptions (id),
    platform        VARCHAR(32)  NOT NULL,
    conversation_id VARCHAR(255) NOT NULL,
    passage_id      VARCHAR(255) NOT NULL,
    slot_time       BIGINT       NOT NULL,
    sent_at         BIGINT       NOT NULL
);
CREATE INDEX sent_passages_conversation ON sent_passages (platform, conversation_id, passage_id);

-- Delivery ids already handled (Slack event_id, DingTalk msgId), shared by replicas.
CREATE TABLE dedupe_keys (
    key        VARCHAR(512) NOT NULL PRIMARY KEY,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX dedupe_keys_expiry ON dedupe_keys (expires_at);

CREATE TABLE question_log (
    id                ${id_column},
    platform          VARCHAR(32)  NOT NULL,
    conversation_id   VARCHAR(255) NOT NULL,
    user_id           VARCHAR(255) NOT NULL,
    question          TEXT         NOT NULL,
    cited_section_ids TEXT         NOT NULL,
    covered           BOOLEAN      NOT NULL,
    asked_at          BIGINT       NOT NULL
);
CREATE INDEX question_log_conversation ON question_log (platform, conversation_id, asked_at);

CREATE TABLE feedback (
    id              ${id_column},
    platform        VARCHAR(32)  NOT NULL,
    conversation_id VARCHAR(255) NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    question        TEXT         NOT NULL,
    citations       TEXT         NOT NULL,
    helpful         BOOLEAN      NOT NULL,
    given_at        BIGINT       NOT NULL
);
CREATE INDEX feedback_conversation ON feedback (platform, conversation_id, given_at);
