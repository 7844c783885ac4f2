-- a ledger at schema 0005_sync, made by commit 7ef827e's code (see test_migrations.py)
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'diandian-ledger','0001_initial','2026-11-26 14:08:37.308959+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'diandian-ledger','0002_slip_status','2026-11-26 14:08:37.309787+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'diandian-ledger','0003_kiosk_keys','2026-11-26 14:08:37.310043+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'diandian-ledger','0004_accounts','2026-11-26 14:08:37.310483+00:00');
INSERT INTO "_sqlite_migrations" VALUES(5,'diandian-ledger','0005_sync','2026-11-26 14:08:37.311338+00:00');
CREATE TABLE accounts (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('cashier', 'admin')),
            pin_hash TEXT NOT NULL,
            failed INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),
            locked_until TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
CREATE TABLE allocations (
            project_id TEXT PRIMARY KEY REFERENCES projects(id),
            granted_g INTEGER NOT NULL CHECK (granted_g >= 0),
            reserved_g INTEGER NOT NULL DEFAULT 0 CHECK (reserved_g >= 0),
            sold_g INTEGER NOT NULL DEFAULT 0 CHECK (sold_g >= 0),
            updated_at TEXT NOT NULL,
            CHECK (reserved_g + sold_g <= granted_g)
        );
INSERT INTO "allocations" VALUES('demo-longquan-forest',5000000,0,0,'2026-01-01T08:00:00.000Z');
INSERT INTO "allocations" VALUES('demo-rural-biogas',5000000,0,0,'2026-01-01T08:00:00.000Z');
INSERT INTO "allocations" VALUES('demo-rooftop-solar',5000000,364528,0,'2026-01-01T08:00:00.000Z');
INSERT INTO "allocations" VALUES('demo-wetland',5000000,0,364528,'2026-01-01T08:00:00.000Z');
CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            action TEXT NOT NULL,
            actor TEXT NOT NULL,
            state TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
INSERT INTO "audit" VALUES(1,'2026-01-01T00:00:00.000Z','meta','kiosk_id','create','system','{"key":"kiosk_id","value":"K1AR51Q6HE"}','0000000000000000000000000000000000000000000000000000000000000000','4f410572d601d3587832fddd206f644eb5a0e38400e3b1b33e3e2edc29966b46');
INSERT INTO "audit" VALUES(2,'2026-01-01T00:00:00.000Z','meta','created_at','create','system','{"key":"created_at","value":"2026-01-01T00:00:00.000Z"}','4f410572d601d3587832fddd206f644eb5a0e38400e3b1b33e3e2edc29966b46','e4777efbd1971a8195c34985e0da7c38eef4834a72de06e2eff70a9b2d433902');
INSERT INTO "audit" VALUES(3,'2026-01-01T08:00:00.000Z','project','demo-longquan-forest','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-longquan-forest\", \"name\": {\"zh\": \"演示：龙泉山城市森林碳汇\", \"en\": \"Demo: Longquan Mountain urban forest\", \"fr\": \"Démo : forêt urbaine du mont Longquan\"}, \"type\": \"forestry\", \"location\": {\"zh\": \"四川成都龙泉驿\", \"en\": \"Longquanyi, Chengdu, Sichuan\", \"fr\": \"Longquanyi, Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：城市森林植树造林与养护。\", \"en\": \"Demo project: planting and tending an urban forest.\", \"fr\": \"Projet de démonstration : plantation et entretien d''une forêt urbaine.\"}, \"picture\": \"\"}","id":"demo-longquan-forest","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','e4777efbd1971a8195c34985e0da7c38eef4834a72de06e2eff70a9b2d433902','001584463828a8d45217b05ba1fc3be40b524bacf2a56adf4080b13962097424');
INSERT INTO "audit" VALUES(4,'2026-01-01T08:00:00.000Z','allocation','demo-longquan-forest','grant','system','{"granted_g":5000000,"project_id":"demo-longquan-forest","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','001584463828a8d45217b05ba1fc3be40b524bacf2a56adf4080b13962097424','cacefc01d0061fce17aac860ad8e49817cfd2e1024069fa5312c124d73c3b57e');
INSERT INTO "audit" VALUES(5,'2026-01-01T08:00:00.000Z','project','demo-rural-biogas','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rural-biogas\", \"name\": {\"zh\": \"演示：川西农村户用沼气\", \"en\": \"Demo: West Sichuan household biogas\", \"fr\": \"Démo : biogaz domestique de l''ouest du Sichuan\"}, \"type\": \"biogas\", \"location\": {\"zh\": \"四川\", \"en\": \"Sichuan\", \"fr\": \"Sichuan\"}, \"standard\": \"CCER (demo)\", \"vintage\": 2023, \"price_fen_per_t\": 7000, \"description\": {\"zh\": \"演示项目：农户沼气池替代燃煤与薪柴。\", \"en\": \"Demo project: household digesters replacing coal and firewood.\", \"fr\": \"Projet de démonstration : digesteurs domestiques remplaçant charbon et bois.\"}, \"picture\": \"\"}","id":"demo-rural-biogas","price_fen_per_t":7000,"updated_at":"2026-01-01T08:00:00.000Z"}','cacefc01d0061fce17aac860ad8e49817cfd2e1024069fa5312c124d73c3b57e','e0a46dab9ec7975ea373291a664861d65bfd5c4336b9dcc94c348d8e75256af1');
INSERT INTO "audit" VALUES(6,'2026-01-01T08:00:00.000Z','allocation','demo-rural-biogas','grant','system','{"granted_g":5000000,"project_id":"demo-rural-biogas","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','e0a46dab9ec7975ea373291a664861d65bfd5c4336b9dcc94c348d8e75256af1','1b436b7f9bad8e3e1e803246c8cae97a16c5afaa791db98333b3bf0fd3677c1f');
INSERT INTO "audit" VALUES(7,'2026-01-01T08:00:00.000Z','project','demo-rooftop-solar','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rooftop-solar\", \"name\": {\"zh\": \"演示：成都屋顶分布式光伏\", \"en\": \"Demo: Chengdu rooftop solar\", \"fr\": \"Démo : solaire sur les toits de Chengdu\"}, \"type\": \"solar\", \"location\": {\"zh\": \"四川成都\", \"en\": \"Chengdu, Sichuan\", \"fr\": \"Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2025, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：工商业屋顶光伏发电。\", \"en\": \"Demo project: solar panels on commercial roofs.\", \"fr\": \"Projet de démonstration : panneaux solaires sur des toits commerciaux.\"}, \"picture\": \"\"}","id":"demo-rooftop-solar","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','1b436b7f9bad8e3e1e803246c8cae97a16c5afaa791db98333b3bf0fd3677c1f','f3f6ce9c69a0e0d12eaacce1ba3daafa473620ecb7f0f31bfb8bbf819fa08ec9');
INSERT INTO "audit" VALUES(8,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','grant','system','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','f3f6ce9c69a0e0d12eaacce1ba3daafa473620ecb7f0f31bfb8bbf819fa08ec9','77316fe7bc6395df717e513fee7c9714460466ed05da29b2789b00e39263ebea');
INSERT INTO "audit" VALUES(9,'2026-01-01T08:00:00.000Z','project','demo-wetland','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-wetland\", \"name\": {\"zh\": \"演示：都江堰湿地保护\", \"en\": \"Demo: Dujiangyan wetland restoration\", \"fr\": \"Démo : restauration des zones humides de Dujiangyan\"}, \"type\": \"wetland\", \"location\": {\"zh\": \"四川都江堰\", \"en\": \"Dujiangyan, Sichuan\", \"fr\": \"Dujiangyan, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 9000, \"description\": {\"zh\": \"演示项目：湿地修复与保护。\", \"en\": \"Demo project: restoring and protecting wetlands.\", \"fr\": \"Projet de démonstration : restauration et protection de zones humides.\"}, \"picture\": \"\"}","id":"demo-wetland","price_fen_per_t":9000,"updated_at":"2026-01-01T08:00:00.000Z"}','77316fe7bc6395df717e513fee7c9714460466ed05da29b2789b00e39263ebea','e78503a685e29c293f84b6d68567a1c934109ab7ec81a29a1e158c363561b8c3');
INSERT INTO "audit" VALUES(10,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','grant','system','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','e78503a685e29c293f84b6d68567a1c934109ab7ec81a29a1e158c363561b8c3','67260884d0c8b370ec4101a4fccb1f9a288d9b32dd99165a1ed2436110c671f2');
INSERT INTO "audit" VALUES(11,'2026-01-01T08:00:00.000Z','order','5f658939-ef80-414c-9aef-9936ace6cc86','create','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"7RNHVW","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"5f658939-ef80-414c-9aef-9936ace6cc86","kiosk_id":"K1AR51Q6HE","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','67260884d0c8b370ec4101a4fccb1f9a288d9b32dd99165a1ed2436110c671f2','2bf185a38ea8572b912b088d658bbf3cb894fb362155642a92e72183b9710490');
INSERT INTO "audit" VALUES(12,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','2bf185a38ea8572b912b088d658bbf3cb894fb362155642a92e72183b9710490','ab116ef4db20074d4238946279840b1db4af08ccc3b6fa4c4950f1049fb6b1c8');
INSERT INTO "audit" VALUES(13,'2026-01-01T08:00:00.000Z','order','5f658939-ef80-414c-9aef-9936ace6cc86','place','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"7RNHVW","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"5f658939-ef80-414c-9aef-9936ace6cc86","kiosk_id":"K1AR51Q6HE","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','ab116ef4db20074d4238946279840b1db4af08ccc3b6fa4c4950f1049fb6b1c8','8a046c213b319ce7707d137da50df07e1ff8a60c9a9c40e47543661886d2a5cb');
INSERT INTO "audit" VALUES(14,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','draw','c1','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":364528,"updated_at":"2026-01-01T08:00:00.000Z"}','8a046c213b319ce7707d137da50df07e1ff8a60c9a9c40e47543661886d2a5cb','9ca15b51d26ca26cad096f3efcd8cc7a5d4c69f9fab87a44d075952679cb46c6');
INSERT INTO "audit" VALUES(15,'2026-01-01T08:00:00.000Z','order','5f658939-ef80-414c-9aef-9936ace6cc86','pay','c1','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"7RNHVW","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"5f658939-ef80-414c-9aef-9936ace6cc86","kiosk_id":"K1AR51Q6HE","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','9ca15b51d26ca26cad096f3efcd8cc7a5d4c69f9fab87a44d075952679cb46c6','7b937f9932d6992217227b9ab4a5ffcdbf6e1ce9fc9df8190e28b87aa295102d');
INSERT INTO "audit" VALUES(16,'2026-01-01T08:00:00.000Z','order','59fb6c84-8445-45e4-bf15-8f49bbc372e1','create','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"ZXER7E","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"59fb6c84-8445-45e4-bf15-8f49bbc372e1","kiosk_id":"K1AR51Q6HE","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','7b937f9932d6992217227b9ab4a5ffcdbf6e1ce9fc9df8190e28b87aa295102d','f85fd8447a659a8b83487da6d13ee65c94d54f088d83b5ccbf552ab8afe873b7');
INSERT INTO "audit" VALUES(17,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','f85fd8447a659a8b83487da6d13ee65c94d54f088d83b5ccbf552ab8afe873b7','fc25b9e9656adaa83684b2ccb1260d42af20c3e5adc5f98305cb0f56dad5085c');
INSERT INTO "audit" VALUES(18,'2026-01-01T08:00:00.000Z','order','59fb6c84-8445-45e4-bf15-8f49bbc372e1','place','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"ZXER7E","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"59fb6c84-8445-45e4-bf15-8f49bbc372e1","kiosk_id":"K1AR51Q6HE","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','fc25b9e9656adaa83684b2ccb1260d42af20c3e5adc5f98305cb0f56dad5085c','af7d9b66ea934c3780c52b4bf73b80bbb4110d4674b18c4dad3caa713ceddaa8');
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0));
INSERT INTO "counters" VALUES('order_seq',2);
INSERT INTO "counters" VALUES('serial',1);
CREATE TABLE kiosk_keys (
            kiosk_id TEXT PRIMARY KEY,
            public_key TEXT NOT NULL,
            source TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "meta" VALUES('kiosk_id','K1AR51Q6HE');
INSERT INTO "meta" VALUES('created_at','2026-01-01T00:00:00.000Z');
CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            kiosk_id TEXT NOT NULL,
            venue TEXT NOT NULL,
            scenario TEXT NOT NULL,
            answers TEXT NOT NULL,
            lines TEXT NOT NULL,
            footprint_g INTEGER NOT NULL CHECK (footprint_g >= 0),
            factors_version TEXT NOT NULL,
            project_id TEXT NOT NULL REFERENCES projects(id),
            offset_g INTEGER NOT NULL CHECK (offset_g > 0),
            price_fen_per_t INTEGER NOT NULL CHECK (price_fen_per_t > 0),
            amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
            nickname TEXT NOT NULL DEFAULT '',
            lang TEXT NOT NULL CHECK (lang IN ('zh', 'en', 'fr')),
            status TEXT NOT NULL
                CHECK (status IN ('draft', 'awaiting_payment', 'paid', 'voided', 'expired')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            expires_at TEXT,
            paid_at TEXT,
            payment_method TEXT CHECK (payment_method IN ('cash', 'card', 'mobile')),
            cashier TEXT,
            serial INTEGER UNIQUE,
            voided_at TEXT,
            void_reason TEXT,
            voided_by TEXT,
            expired_reason TEXT, slip_status TEXT NOT NULL DEFAULT 'none'
            CHECK (slip_status IN ('none', 'pending', 'printed', 'failed')), slip_error TEXT, slip_printed_at TEXT,
            CHECK ((status IN ('paid', 'voided')) = (serial IS NOT NULL))
        );
INSERT INTO "orders" VALUES('5f658939-ef80-414c-9aef-9936ace6cc86',1,'7RNHVW','K1AR51Q6HE','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-wetland',364528,9000,3281,'','zh','paid','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z','2026-01-01T08:00:00.000Z','cash','c1',1,NULL,NULL,NULL,NULL,'none',NULL,NULL);
INSERT INTO "orders" VALUES('59fb6c84-8445-45e4-bf15-8f49bbc372e1',2,'ZXER7E','K1AR51Q6HE','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-rooftop-solar',364528,8000,2917,'','zh','awaiting_payment','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,NULL);
CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL REFERENCES orders(id),
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
INSERT INTO "outbox" VALUES(1,'5f658939-ef80-414c-9aef-9936ace6cc86','paid','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"7RNHVW","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"5f658939-ef80-414c-9aef-9936ace6cc86","kiosk_id":"K1AR51Q6HE","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','2026-01-01T08:00:00.000Z',NULL);
CREATE TABLE projects (
            id TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            price_fen_per_t INTEGER NOT NULL CHECK (price_fen_per_t > 0),
            catalogue_version TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
INSERT INTO "projects" VALUES('demo-longquan-forest','{"id": "demo-longquan-forest", "name": {"zh": "演示：龙泉山城市森林碳汇", "en": "Demo: Longquan Mountain urban forest", "fr": "Démo : forêt urbaine du mont Longquan"}, "type": "forestry", "location": {"zh": "四川成都龙泉驿", "en": "Longquanyi, Chengdu, Sichuan", "fr": "Longquanyi, Chengdu, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2024, "price_fen_per_t": 8000, "description": {"zh": "演示项目：城市森林植树造林与养护。", "en": "Demo project: planting and tending an urban forest.", "fr": "Projet de démonstration : plantation et entretien d''une forêt urbaine."}, "picture": ""}',8000,'demo-2026.11.1','2026-01-01T08:00:00.000Z');
INSERT INTO "projects" VALUES('demo-rural-biogas','{"id": "demo-rural-biogas", "name": {"zh": "演示：川西农村户用沼气", "en": "Demo: West Sichuan household biogas", "fr": "Démo : biogaz domestique de l''ouest du Sichuan"}, "type": "biogas", "location": {"zh": "四川", "en": "Sichuan", "fr": "Sichuan"}, "standard": "CCER (demo)", "vintage": 2023, "price_fen_per_t": 7000, "description": {"zh": "演示项目：农户沼气池替代燃煤与薪柴。", "en": "Demo project: household digesters replacing coal and firewood.", "fr": "Projet de démonstration : digesteurs domestiques remplaçant charbon et bois."}, "picture": ""}',7000,'demo-2026.11.1','2026-01-01T08:00:00.000Z');
INSERT INTO "projects" VALUES('demo-rooftop-solar','{"id": "demo-rooftop-solar", "name": {"zh": "演示：成都屋顶分布式光伏", "en": "Demo: Chengdu rooftop solar", "fr": "Démo : solaire sur les toits de Chengdu"}, "type": "solar", "location": {"zh": "四川成都", "en": "Chengdu, Sichuan", "fr": "Chengdu, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2025, "price_fen_per_t": 8000, "description": {"zh": "演示项目：工商业屋顶光伏发电。", "en": "Demo project: solar panels on commercial roofs.", "fr": "Projet de démonstration : panneaux solaires sur des toits commerciaux."}, "picture": ""}',8000,'demo-2026.11.1','2026-01-01T08:00:00.000Z');
INSERT INTO "projects" VALUES('demo-wetland','{"id": "demo-wetland", "name": {"zh": "演示：都江堰湿地保护", "en": "Demo: Dujiangyan wetland restoration", "fr": "Démo : restauration des zones humides de Dujiangyan"}, "type": "wetland", "location": {"zh": "四川都江堰", "en": "Dujiangyan, Sichuan", "fr": "Dujiangyan, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2024, "price_fen_per_t": 9000, "description": {"zh": "演示项目：湿地修复与保护。", "en": "Demo project: restoring and protecting wetlands.", "fr": "Projet de démonstration : restauration et protection de zones humides."}, "picture": ""}',9000,'demo-2026.11.1','2026-01-01T08:00:00.000Z');
CREATE TABLE pulled (
            kind TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            data TEXT NOT NULL,
            fetched_at TEXT NOT NULL
        );
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sync_batches (
            batch_id TEXT PRIMARY KEY,
            entry_ids TEXT NOT NULL,
            body BLOB NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            answered_at TEXT
        );
CREATE TABLE sync_rejects (
            outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id),
            order_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            pushed INTEGER NOT NULL DEFAULT 0,
            pulled INTEGER NOT NULL DEFAULT 0,
            outcome TEXT,
            error TEXT
        );
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX orders_status_seq ON orders (status, seq);
CREATE INDEX outbox_pending ON outbox (acked_at, id);
CREATE INDEX audit_entity ON audit (entity, entity_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
            BEGIN SELECT RAISE(ABORT, 'outbox entries are kept'); END;
CREATE TRIGGER outbox_fixed BEFORE UPDATE OF order_id, event, payload ON outbox
            BEGIN SELECT RAISE(ABORT, 'an outbox entry cannot change'); END;
CREATE INDEX orders_slip ON orders (slip_status) WHERE slip_status IN ('pending', 'failed');
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('outbox',1);
COMMIT;
