-- The recent turns of each conversation (a Slack thread, a DingTalk chat or group member, a CLI
-- session), so a follow-up is read against what was asked before and replicas share the memory.
-- A row with reset = TRUE marks "start fresh": turns before it are ignored. Bounded per
-- conversation and purged after a time to live by the application.
CREATE TABLE conversation_turns (
    id                ${id_column},
    conversation_key  VARCHAR(512) NOT NULL,
    question          TEXT         NOT NULL,
    searched_query    TEXT         NOT NULL,
    cited_section_ids TEXT         NOT NULL,
    reset             BOOLEAN      NOT NULL,
    at                BIGINT       NOT NULL
);
CREATE INDEX conversation_turns_key ON conversation_turns (conversation_key, at);
CREATE INDEX conversation_turns_at ON conversation_turns (at);
