-- The registry's schema as diandian 0.1.0 created it on postgresql (metadata.create_all),
-- with its step record. Frozen: tests build a 0.1.0 registry from it and upgrade it.
CREATE TABLE batches (
	kiosk_id VARCHAR(64) NOT NULL,
	batch_id VARCHAR(100) NOT NULL,
	request_hash VARCHAR(64) NOT NULL,
	response TEXT NOT NULL,
	created_at VARCHAR(32) NOT NULL,
	PRIMARY KEY (kiosk_id, batch_id)
);
CREATE TABLE closed_days (
	day VARCHAR(10) NOT NULL,
	closed_at VARCHAR(32) NOT NULL,
	PRIMARY KEY (day)
);
CREATE TABLE enrol_tokens (
	token_hash VARCHAR(64) NOT NULL,
	name VARCHAR(200) NOT NULL,
	created_at VARCHAR(32) NOT NULL,
	used_at VARCHAR(32),
	kiosk_id VARCHAR(64),
	PRIMARY KEY (token_hash)
);
CREATE TABLE kiosks (
	kiosk_id VARCHAR(64) NOT NULL,
	name VARCHAR(200) NOT NULL,
	public_key VARCHAR(64) NOT NULL,
	venue VARCHAR(100) DEFAULT '' NOT NULL,
	enrolled_at VARCHAR(32) NOT NULL,
	PRIMARY KEY (kiosk_id)
);
CREATE TABLE migrations (
	name VARCHAR(100) NOT NULL,
	applied_at VARCHAR(32) NOT NULL,
	PRIMARY KEY (name)
);
CREATE TABLE nonces (
	kiosk_id VARCHAR(64) NOT NULL,
	nonce VARCHAR(64) NOT NULL,
	seen_at BIGINT NOT NULL,
	PRIMARY KEY (kiosk_id, nonce)
);
CREATE INDEX nonces_seen ON nonces (seen_at);
CREATE TABLE projects (
	project_id VARCHAR(100) NOT NULL,
	position INTEGER NOT NULL,
	data TEXT NOT NULL,
	stock_g BIGINT NOT NULL,
	allocated_g BIGINT DEFAULT '0' NOT NULL,
	retired_g BIGINT DEFAULT '0' NOT NULL,
	covered_g BIGINT DEFAULT '0' NOT NULL,
	PRIMARY KEY (project_id),
	CONSTRAINT allocated_within_stock CHECK (allocated_g >= 0 AND allocated_g <= stock_g),
	CONSTRAINT retired_within_stock CHECK (retired_g >= 0 AND retired_g <= stock_g),
	CONSTRAINT covered_within_retired CHECK (covered_g >= 0 AND covered_g <= retired_g)
);
CREATE TABLE settings (
	key VARCHAR(64) NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (key)
);
CREATE TABLE allocations (
	kiosk_id VARCHAR(64) NOT NULL,
	project_id VARCHAR(100) NOT NULL,
	granted_g BIGINT NOT NULL,
	PRIMARY KEY (kiosk_id, project_id),
	CONSTRAINT granted_positive CHECK (granted_g >= 0),
	FOREIGN KEY(kiosk_id) REFERENCES kiosks (kiosk_id),
	FOREIGN KEY(project_id) REFERENCES projects (project_id)
);
CREATE TABLE retirements (
	id SERIAL NOT NULL,
	project_id VARCHAR(100) NOT NULL,
	tonnes BIGINT NOT NULL,
	serial_first VARCHAR(120) NOT NULL,
	serial_last VARCHAR(120) NOT NULL,
	from_g BIGINT NOT NULL,
	to_g BIGINT NOT NULL,
	retired_at VARCHAR(32) NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(project_id) REFERENCES projects (project_id)
);
CREATE TABLE serial_blocks (
	id SERIAL NOT NULL,
	project_id VARCHAR(100) NOT NULL,
	prefix VARCHAR(100) NOT NULL,
	first BIGINT NOT NULL,
	last BIGINT NOT NULL,
	width INTEGER NOT NULL,
	PRIMARY KEY (id),
	CONSTRAINT serial_block_once UNIQUE (prefix, first),
	CONSTRAINT block_order CHECK (first >= 0 AND last >= first),
	FOREIGN KEY(project_id) REFERENCES projects (project_id)
);
CREATE TABLE purchases (
	id SERIAL NOT NULL,
	order_id VARCHAR(64) NOT NULL,
	kiosk_id VARCHAR(64) NOT NULL,
	serial BIGINT NOT NULL,
	cert_id VARCHAR(80) NOT NULL,
	project_id VARCHAR(100) NOT NULL,
	offset_g BIGINT NOT NULL,
	footprint_g BIGINT NOT NULL,
	amount_fen BIGINT NOT NULL,
	nickname VARCHAR(100) NOT NULL,
	venue VARCHAR(100) NOT NULL,
	day VARCHAR(10) NOT NULL,
	paid_at VARCHAR(40) NOT NULL,
	payload TEXT NOT NULL,
	payload_hash VARCHAR(64) NOT NULL,
	received_at VARCHAR(32) NOT NULL,
	filed_late BOOLEAN DEFAULT '0' NOT NULL,
	voided_at VARCHAR(40),
	void_reason TEXT,
	retirement_id INTEGER,
	pos_from BIGINT,
	pos_to BIGINT,
	PRIMARY KEY (id),
	CONSTRAINT serial_once_per_kiosk UNIQUE (kiosk_id, serial),
	CONSTRAINT offset_positive CHECK (offset_g > 0),
	UNIQUE (order_id),
	FOREIGN KEY(kiosk_id) REFERENCES kiosks (kiosk_id),
	UNIQUE (cert_id),
	FOREIGN KEY(project_id) REFERENCES projects (project_id),
	FOREIGN KEY(retirement_id) REFERENCES retirements (id)
);
CREATE INDEX purchases_day ON purchases (day, venue);
CREATE INDEX purchases_pending ON purchases (project_id, retirement_id);
INSERT INTO migrations (name, applied_at) VALUES ('0001_initial', '2026-11-30T08:00:00.000000Z');
