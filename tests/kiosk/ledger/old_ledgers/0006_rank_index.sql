-- a ledger at schema 0006_rank_index, made by commit 7ef827e's code (see test_migrations.py)
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'diandian-ledger','0001_initial','2026-11-26 14:08:37.327935+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'diandian-ledger','0002_slip_status','2026-11-26 14:08:37.328812+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'diandian-ledger','0003_kiosk_keys','2026-11-26 14:08:37.329080+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'diandian-ledger','0004_accounts','2026-11-26 14:08:37.329521+00:00');
INSERT INTO "_sqlite_migrations" VALUES(5,'diandian-ledger','0005_sync','2026-11-26 14:08:37.330384+00:00');
INSERT INTO "_sqlite_migrations" VALUES(6,'diandian-ledger','0006_rank_index','2026-11-26 14:08:37.330478+00:00');
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
INSERT INTO "audit" VALUES(1,'2026-01-01T00:00:00.000Z','meta','kiosk_id','create','system','{"key":"kiosk_id","value":"K0YR6KXJKR"}','0000000000000000000000000000000000000000000000000000000000000000','2875640ff2c156449b9f9918dbe4e7554c126fd01c1bc1bd09fc07b3650f9ab5');
INSERT INTO "audit" VALUES(2,'2026-01-01T00:00:00.000Z','meta','created_at','create','system','{"key":"created_at","value":"2026-01-01T00:00:00.000Z"}','2875640ff2c156449b9f9918dbe4e7554c126fd01c1bc1bd09fc07b3650f9ab5','ac5982e6eb3f7e604ee9bd6b68e26289283aa354a2ad0b515d3c24031f05c713');
INSERT INTO "audit" VALUES(3,'2026-01-01T08:00:00.000Z','project','demo-longquan-forest','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-longquan-forest\", \"name\": {\"zh\": \"演示：龙泉山城市森林碳汇\", \"en\": \"Demo: Longquan Mountain urban forest\", \"fr\": \"Démo : forêt urbaine du mont Longquan\"}, \"type\": \"forestry\", \"location\": {\"zh\": \"四川成都龙泉驿\", \"en\": \"Longquanyi, Chengdu, Sichuan\", \"fr\": \"Longquanyi, Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：城市森林植树造林与养护。\", \"en\": \"Demo project: planting and tending an urban forest.\", \"fr\": \"Projet de démonstration : plantation et entretien d''une forêt urbaine.\"}, \"picture\": \"\"}","id":"demo-longquan-forest","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','ac5982e6eb3f7e604ee9bd6b68e26289283aa354a2ad0b515d3c24031f05c713','575e3a2ca90e7574b6d39eed822df2ed6f88d04a36196be548f137d1de71648c');
INSERT INTO "audit" VALUES(4,'2026-01-01T08:00:00.000Z','allocation','demo-longquan-forest','grant','system','{"granted_g":5000000,"project_id":"demo-longquan-forest","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','575e3a2ca90e7574b6d39eed822df2ed6f88d04a36196be548f137d1de71648c','fe43899d1e7430cc240ab971e412a4c323e144a722c773703de93f53982e199d');
INSERT INTO "audit" VALUES(5,'2026-01-01T08:00:00.000Z','project','demo-rural-biogas','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rural-biogas\", \"name\": {\"zh\": \"演示：川西农村户用沼气\", \"en\": \"Demo: West Sichuan household biogas\", \"fr\": \"Démo : biogaz domestique de l''ouest du Sichuan\"}, \"type\": \"biogas\", \"location\": {\"zh\": \"四川\", \"en\": \"Sichuan\", \"fr\": \"Sichuan\"}, \"standard\": \"CCER (demo)\", \"vintage\": 2023, \"price_fen_per_t\": 7000, \"description\": {\"zh\": \"演示项目：农户沼气池替代燃煤与薪柴。\", \"en\": \"Demo project: household digesters replacing coal and firewood.\", \"fr\": \"Projet de démonstration : digesteurs domestiques remplaçant charbon et bois.\"}, \"picture\": \"\"}","id":"demo-rural-biogas","price_fen_per_t":7000,"updated_at":"2026-01-01T08:00:00.000Z"}','fe43899d1e7430cc240ab971e412a4c323e144a722c773703de93f53982e199d','f6b4853830be5ea332981a35d32873d0d4a455aae40cddadfb50a05544f86b9f');
INSERT INTO "audit" VALUES(6,'2026-01-01T08:00:00.000Z','allocation','demo-rural-biogas','grant','system','{"granted_g":5000000,"project_id":"demo-rural-biogas","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','f6b4853830be5ea332981a35d32873d0d4a455aae40cddadfb50a05544f86b9f','738de969d0654f8c0b30e7d8f6b34b68b9b9a65f6f4b2d2a15fd3a862944f6e7');
INSERT INTO "audit" VALUES(7,'2026-01-01T08:00:00.000Z','project','demo-rooftop-solar','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rooftop-solar\", \"name\": {\"zh\": \"演示：成都屋顶分布式光伏\", \"en\": \"Demo: Chengdu rooftop solar\", \"fr\": \"Démo : solaire sur les toits de Chengdu\"}, \"type\": \"solar\", \"location\": {\"zh\": \"四川成都\", \"en\": \"Chengdu, Sichuan\", \"fr\": \"Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2025, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：工商业屋顶光伏发电。\", \"en\": \"Demo project: solar panels on commercial roofs.\", \"fr\": \"Projet de démonstration : panneaux solaires sur des toits commerciaux.\"}, \"picture\": \"\"}","id":"demo-rooftop-solar","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','738de969d0654f8c0b30e7d8f6b34b68b9b9a65f6f4b2d2a15fd3a862944f6e7','9c31fb26e902af63db06649002bb98785a0ad5f5f37939130056d09289369cfe');
INSERT INTO "audit" VALUES(8,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','grant','system','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','9c31fb26e902af63db06649002bb98785a0ad5f5f37939130056d09289369cfe','980634b7edd5a5ca952e80dda3ff396ba81fcb3b3570e2c606e644b66e69522a');
INSERT INTO "audit" VALUES(9,'2026-01-01T08:00:00.000Z','project','demo-wetland','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-wetland\", \"name\": {\"zh\": \"演示：都江堰湿地保护\", \"en\": \"Demo: Dujiangyan wetland restoration\", \"fr\": \"Démo : restauration des zones humides de Dujiangyan\"}, \"type\": \"wetland\", \"location\": {\"zh\": \"四川都江堰\", \"en\": \"Dujiangyan, Sichuan\", \"fr\": \"Dujiangyan, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 9000, \"description\": {\"zh\": \"演示项目：湿地修复与保护。\", \"en\": \"Demo project: restoring and protecting wetlands.\", \"fr\": \"Projet de démonstration : restauration et protection de zones humides.\"}, \"picture\": \"\"}","id":"demo-wetland","price_fen_per_t":9000,"updated_at":"2026-01-01T08:00:00.000Z"}','980634b7edd5a5ca952e80dda3ff396ba81fcb3b3570e2c606e644b66e69522a','8be1ee7e0eade554fb3b510cef6139608d7e7a0d16a45cf95f4fa98651b7121e');
INSERT INTO "audit" VALUES(10,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','grant','system','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','8be1ee7e0eade554fb3b510cef6139608d7e7a0d16a45cf95f4fa98651b7121e','58d4d2ea308a5170ce06acb5c1f09b3d59c22f30d4b80fc7c1bdf66991c83ca7');
INSERT INTO "audit" VALUES(11,'2026-01-01T08:00:00.000Z','order','d11b3bf7-7476-47ea-bc6d-caa758d55dc4','create','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"K40HYS","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"d11b3bf7-7476-47ea-bc6d-caa758d55dc4","kiosk_id":"K0YR6KXJKR","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','58d4d2ea308a5170ce06acb5c1f09b3d59c22f30d4b80fc7c1bdf66991c83ca7','8de8ebfb3867a01850f6655bee9c5d0deeace219ebd3f433d3361f14dd1b2ca0');
INSERT INTO "audit" VALUES(12,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','8de8ebfb3867a01850f6655bee9c5d0deeace219ebd3f433d3361f14dd1b2ca0','2c88315c3dee9be3ce75e811401ea8ee03cb26416391a96017356c5a4b2fc7b1');
INSERT INTO "audit" VALUES(13,'2026-01-01T08:00:00.000Z','order','d11b3bf7-7476-47ea-bc6d-caa758d55dc4','place','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"K40HYS","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"d11b3bf7-7476-47ea-bc6d-caa758d55dc4","kiosk_id":"K0YR6KXJKR","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','2c88315c3dee9be3ce75e811401ea8ee03cb26416391a96017356c5a4b2fc7b1','48c9b997be1e2ddd0cbfcd20286171e90d0a4bbfd0b0c888ad99b68cd84275c9');
INSERT INTO "audit" VALUES(14,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','draw','c1','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":364528,"updated_at":"2026-01-01T08:00:00.000Z"}','48c9b997be1e2ddd0cbfcd20286171e90d0a4bbfd0b0c888ad99b68cd84275c9','e79f5b925d2af37b92cb4bdc21249a1091c313286c49ac16aa773f2eb0ffc42e');
INSERT INTO "audit" VALUES(15,'2026-01-01T08:00:00.000Z','order','d11b3bf7-7476-47ea-bc6d-caa758d55dc4','pay','c1','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"K40HYS","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"d11b3bf7-7476-47ea-bc6d-caa758d55dc4","kiosk_id":"K0YR6KXJKR","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','e79f5b925d2af37b92cb4bdc21249a1091c313286c49ac16aa773f2eb0ffc42e','c3077f0609524dc035c870cacf5f32f220b4e5dd81fc3dd23b7fbe1e933fc09b');
INSERT INTO "audit" VALUES(16,'2026-01-01T08:00:00.000Z','order','db092976-9437-479e-bfdc-8349843230ca','create','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"E0W7X0","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"db092976-9437-479e-bfdc-8349843230ca","kiosk_id":"K0YR6KXJKR","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','c3077f0609524dc035c870cacf5f32f220b4e5dd81fc3dd23b7fbe1e933fc09b','720454deee208fda6251a1d9977b6e78e99212b8c971742777fa2929875351fc');
INSERT INTO "audit" VALUES(17,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','720454deee208fda6251a1d9977b6e78e99212b8c971742777fa2929875351fc','455f98ab9a24cede9f8eb0e37d93f3cfb8545e9ff331426998710fdfc6b87f78');
INSERT INTO "audit" VALUES(18,'2026-01-01T08:00:00.000Z','order','db092976-9437-479e-bfdc-8349843230ca','place','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"E0W7X0","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"db092976-9437-479e-bfdc-8349843230ca","kiosk_id":"K0YR6KXJKR","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','455f98ab9a24cede9f8eb0e37d93f3cfb8545e9ff331426998710fdfc6b87f78','2c52caba18bc3791ab22548ae8dedca776e7c5c132442af4642589a8fa9c0828');
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
INSERT INTO "meta" VALUES('kiosk_id','K0YR6KXJKR');
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
INSERT INTO "orders" VALUES('d11b3bf7-7476-47ea-bc6d-caa758d55dc4',1,'K40HYS','K0YR6KXJKR','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-wetland',364528,9000,3281,'','zh','paid','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z','2026-01-01T08:00:00.000Z','cash','c1',1,NULL,NULL,NULL,NULL,'none',NULL,NULL);
INSERT INTO "orders" VALUES('db092976-9437-479e-bfdc-8349843230ca',2,'E0W7X0','K0YR6KXJKR','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-rooftop-solar',364528,8000,2917,'','zh','awaiting_payment','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,NULL);
CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL REFERENCES orders(id),
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
INSERT INTO "outbox" VALUES(1,'d11b3bf7-7476-47ea-bc6d-caa758d55dc4','paid','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"K40HYS","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"d11b3bf7-7476-47ea-bc6d-caa758d55dc4","kiosk_id":"K0YR6KXJKR","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','2026-01-01T08:00:00.000Z',NULL);
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
CREATE INDEX orders_rank_venue ON orders (status, venue, offset_g DESC);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('outbox',1);
COMMIT;
