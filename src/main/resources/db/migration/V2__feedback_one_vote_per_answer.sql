-- Native feedback buttons (Slack feedback_buttons, DingTalk card buttons) rate one answer each:
-- a user has one vote per answer and a later click replaces it. Typed feedback (有用/没用) has no
-- answer reference; NULLs never collide in a unique index, so those rows stay as they are.
ALTER TABLE feedback ADD COLUMN answer_ref VARCHAR(255);
CREATE UNIQUE INDEX feedback_one_vote ON feedback (platform, answer_ref, user_id);
