-- The request id of the acknowledgement that accepted the message: the worker that answers it,
-- in this process or after a restart, logs under the same id.
ALTER TABLE inbox ADD COLUMN request_id VARCHAR(64);
