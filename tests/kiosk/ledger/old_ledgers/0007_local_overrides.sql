-- a ledger at schema 0007_local_overrides, made by commit 0bf5dd6's code (see test_migrations.py)
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'diandian-ledger','0001_initial','2026-12-05 15:17:54.284151+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'diandian-ledger','0002_slip_status','2026-12-05 15:17:54.285232+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'diandian-ledger','0003_kiosk_keys','2026-12-05 15:17:54.285604+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'diandian-ledger','0004_accounts','2026-12-05 15:17:54.286304+00:00');
INSERT INTO "_sqlite_migrations" VALUES(5,'diandian-ledger','0005_sync','2026-12-05 15:17:54.288248+00:00');
INSERT INTO "_sqlite_migrations" VALUES(6,'diandian-ledger','0006_rank_index','2026-12-05 15:17:54.288412+00:00');
INSERT INTO "_sqlite_migrations" VALUES(7,'diandian-ledger','0007_local_overrides','2026-12-05 15:17:54.289834+00:00');
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
INSERT INTO "allocations" VALUES('demo-longquan-forest',5000000,0,0,'2026-12-05T15:17:54.380Z');
INSERT INTO "allocations" VALUES('demo-rural-biogas',5000000,0,0,'2026-12-05T15:17:54.380Z');
INSERT INTO "allocations" VALUES('demo-rooftop-solar',5000000,0,0,'2026-12-05T15:17:54.380Z');
INSERT INTO "allocations" VALUES('demo-wetland',5000000,364528,364528,'2026-12-05T15:17:54.395Z');
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
INSERT INTO "audit" VALUES(1,'2026-12-05T15:17:54.234Z','meta','kiosk_id','create','system','{"key":"kiosk_id","value":"KTNN83KY69"}','0000000000000000000000000000000000000000000000000000000000000000','74c2122c23447f4848e3dfd052eda37d0613fe6d0cd38562ddbb73181654d08d');
INSERT INTO "audit" VALUES(2,'2026-12-05T15:17:54.234Z','meta','created_at','create','system','{"key":"created_at","value":"2026-12-05T15:17:54.234Z"}','74c2122c23447f4848e3dfd052eda37d0613fe6d0cd38562ddbb73181654d08d','3a1c1f104398c5e9a01ad3fe4b5d34112a6db5777c5d27202434688cf35ce143');
INSERT INTO "audit" VALUES(3,'2026-12-05T15:17:54.380Z','project','demo-longquan-forest','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-longquan-forest\", \"name\": {\"zh\": \"演示：龙泉山城市森林碳汇\", \"en\": \"Demo: Longquan Mountain urban forest\", \"fr\": \"Démo : forêt urbaine du mont Longquan\"}, \"type\": \"forestry\", \"location\": {\"zh\": \"四川成都龙泉驿\", \"en\": \"Longquanyi, Chengdu, Sichuan\", \"fr\": \"Longquanyi, Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：城市森林植树造林与养护。\", \"en\": \"Demo project: planting and tending an urban forest.\", \"fr\": \"Projet de démonstration : plantation et entretien d''une forêt urbaine.\"}, \"picture\": \"\"}","id":"demo-longquan-forest","price_fen_per_t":8000,"updated_at":"2026-12-05T15:17:54.380Z"}','3a1c1f104398c5e9a01ad3fe4b5d34112a6db5777c5d27202434688cf35ce143','7b46d600dd4975b55662e0f84f669ce60c6ab551bc8d771fbcf085a335af9b6c');
INSERT INTO "audit" VALUES(4,'2026-12-05T15:17:54.380Z','allocation','demo-longquan-forest','grant','system','{"granted_g":5000000,"project_id":"demo-longquan-forest","reserved_g":0,"sold_g":0,"updated_at":"2026-12-05T15:17:54.380Z"}','7b46d600dd4975b55662e0f84f669ce60c6ab551bc8d771fbcf085a335af9b6c','51e84f69c0a07b2061ff7fd68610b2e2f454dc6c2db9d2bec3e85edac40f9d3f');
INSERT INTO "audit" VALUES(5,'2026-12-05T15:17:54.380Z','project','demo-rural-biogas','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rural-biogas\", \"name\": {\"zh\": \"演示：川西农村户用沼气\", \"en\": \"Demo: West Sichuan household biogas\", \"fr\": \"Démo : biogaz domestique de l''ouest du Sichuan\"}, \"type\": \"biogas\", \"location\": {\"zh\": \"四川\", \"en\": \"Sichuan\", \"fr\": \"Sichuan\"}, \"standard\": \"CCER (demo)\", \"vintage\": 2023, \"price_fen_per_t\": 7000, \"description\": {\"zh\": \"演示项目：农户沼气池替代燃煤与薪柴。\", \"en\": \"Demo project: household digesters replacing coal and firewood.\", \"fr\": \"Projet de démonstration : digesteurs domestiques remplaçant charbon et bois.\"}, \"picture\": \"\"}","id":"demo-rural-biogas","price_fen_per_t":7000,"updated_at":"2026-12-05T15:17:54.380Z"}','51e84f69c0a07b2061ff7fd68610b2e2f454dc6c2db9d2bec3e85edac40f9d3f','d86c44067770a706cb19523c992d981f4659afb7f09088e6bc0fdec9ebe943e6');
INSERT INTO "audit" VALUES(6,'2026-12-05T15:17:54.380Z','allocation','demo-rural-biogas','grant','system','{"granted_g":5000000,"project_id":"demo-rural-biogas","reserved_g":0,"sold_g":0,"updated_at":"2026-12-05T15:17:54.380Z"}','d86c44067770a706cb19523c992d981f4659afb7f09088e6bc0fdec9ebe943e6','0b0a4f481596926f072337e0a83a4c9311dd1f086f937c006dcaf3d57063079b');
INSERT INTO "audit" VALUES(7,'2026-12-05T15:17:54.380Z','project','demo-rooftop-solar','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rooftop-solar\", \"name\": {\"zh\": \"演示：成都屋顶分布式光伏\", \"en\": \"Demo: Chengdu rooftop solar\", \"fr\": \"Démo : solaire sur les toits de Chengdu\"}, \"type\": \"solar\", \"location\": {\"zh\": \"四川成都\", \"en\": \"Chengdu, Sichuan\", \"fr\": \"Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2025, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：工商业屋顶光伏发电。\", \"en\": \"Demo project: solar panels on commercial roofs.\", \"fr\": \"Projet de démonstration : panneaux solaires sur des toits commerciaux.\"}, \"picture\": \"\"}","id":"demo-rooftop-solar","price_fen_per_t":8000,"updated_at":"2026-12-05T15:17:54.380Z"}','0b0a4f481596926f072337e0a83a4c9311dd1f086f937c006dcaf3d57063079b','a5849b2efa84108b7a6a69d79598a2c7d7556fc3c82e13f00b3448f8861b83d9');
INSERT INTO "audit" VALUES(8,'2026-12-05T15:17:54.380Z','allocation','demo-rooftop-solar','grant','system','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":0,"sold_g":0,"updated_at":"2026-12-05T15:17:54.380Z"}','a5849b2efa84108b7a6a69d79598a2c7d7556fc3c82e13f00b3448f8861b83d9','6d819d316d364a5052d814f4b162ec3c1f40d1750e32609399b128d225dc35d6');
INSERT INTO "audit" VALUES(9,'2026-12-05T15:17:54.380Z','project','demo-wetland','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-wetland\", \"name\": {\"zh\": \"演示：都江堰湿地保护\", \"en\": \"Demo: Dujiangyan wetland restoration\", \"fr\": \"Démo : restauration des zones humides de Dujiangyan\"}, \"type\": \"wetland\", \"location\": {\"zh\": \"四川都江堰\", \"en\": \"Dujiangyan, Sichuan\", \"fr\": \"Dujiangyan, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 9000, \"description\": {\"zh\": \"演示项目：湿地修复与保护。\", \"en\": \"Demo project: restoring and protecting wetlands.\", \"fr\": \"Projet de démonstration : restauration et protection de zones humides.\"}, \"picture\": \"\"}","id":"demo-wetland","price_fen_per_t":9000,"updated_at":"2026-12-05T15:17:54.380Z"}','6d819d316d364a5052d814f4b162ec3c1f40d1750e32609399b128d225dc35d6','3f0daa24ecc16a081d986a4eb96493928871b5ede79cf76004f83ff2e1171f3d');
INSERT INTO "audit" VALUES(10,'2026-12-05T15:17:54.380Z','allocation','demo-wetland','grant','system','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":0,"updated_at":"2026-12-05T15:17:54.380Z"}','3f0daa24ecc16a081d986a4eb96493928871b5ede79cf76004f83ff2e1171f3d','936da6e7e37e2fe60181c748ea6b7dd23a5741a9b74eb6d2e3f528afa89b905e');
INSERT INTO "audit" VALUES(11,'2026-12-05T15:17:54.393Z','order','c9ae7df6-f45b-4e45-b17d-9393a4b97823','create','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"JF1SWP","created_at":"2026-12-05T15:17:54.393Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"c9ae7df6-f45b-4e45-b17d-9393a4b97823","kiosk_id":"KTNN83KY69","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"old","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-12-05T15:17:54.393Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','936da6e7e37e2fe60181c748ea6b7dd23a5741a9b74eb6d2e3f528afa89b905e','17acc6d559ba8047b6daf84ae838e0e37e8300c16078c911148eb12c87b7804c');
INSERT INTO "audit" VALUES(12,'2026-12-05T15:17:54.393Z','allocation','demo-wetland','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":364528,"sold_g":0,"updated_at":"2026-12-05T15:17:54.393Z"}','17acc6d559ba8047b6daf84ae838e0e37e8300c16078c911148eb12c87b7804c','0f4d978a091e8a33ea4a8074d48dc108e949a5f4a0269d04c437332d926cbae5');
INSERT INTO "audit" VALUES(13,'2026-12-05T15:17:54.393Z','order','c9ae7df6-f45b-4e45-b17d-9393a4b97823','place','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"JF1SWP","created_at":"2026-12-05T15:17:54.393Z","expired_reason":null,"expires_at":"2026-12-05T15:32:54.394Z","factors_version":"2026.11.1","footprint_g":364528,"id":"c9ae7df6-f45b-4e45-b17d-9393a4b97823","kiosk_id":"KTNN83KY69","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"old","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-12-05T15:17:54.393Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','0f4d978a091e8a33ea4a8074d48dc108e949a5f4a0269d04c437332d926cbae5','65fa4c7a8d70b8a0ae0e4c6a882d634b1a1f271a74c59d27cf55770365c7b374');
INSERT INTO "audit" VALUES(14,'2026-12-05T15:17:54.394Z','allocation','demo-wetland','draw','c1','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":364528,"updated_at":"2026-12-05T15:17:54.394Z"}','65fa4c7a8d70b8a0ae0e4c6a882d634b1a1f271a74c59d27cf55770365c7b374','dc95c03519c2de42fae822e0e215237b37bc0ce2f0f0f2fcab12f5306933a30a');
INSERT INTO "audit" VALUES(15,'2026-12-05T15:17:54.394Z','order','c9ae7df6-f45b-4e45-b17d-9393a4b97823','pay','c1','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"JF1SWP","created_at":"2026-12-05T15:17:54.393Z","expired_reason":null,"expires_at":"2026-12-05T15:32:54.394Z","factors_version":"2026.11.1","footprint_g":364528,"id":"c9ae7df6-f45b-4e45-b17d-9393a4b97823","kiosk_id":"KTNN83KY69","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"old","offset_g":364528,"paid_at":"2026-12-05T15:17:54.394Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-12-05T15:17:54.394Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','dc95c03519c2de42fae822e0e215237b37bc0ce2f0f0f2fcab12f5306933a30a','4489db5f524b78eef52630bc89145f3ab27b27a0fc407acd9664d312195c5f7b');
INSERT INTO "audit" VALUES(16,'2026-12-05T15:17:54.395Z','order','68b0e086-f461-4a1e-ac11-8d4a10c85a02','create','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"0EG1MF","created_at":"2026-12-05T15:17:54.395Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"68b0e086-f461-4a1e-ac11-8d4a10c85a02","kiosk_id":"KTNN83KY69","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-12-05T15:17:54.395Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','4489db5f524b78eef52630bc89145f3ab27b27a0fc407acd9664d312195c5f7b','f9ba9e1664bc53447b7444ca6c0c38d2038a28674e3b6561b478bcff9e795737');
INSERT INTO "audit" VALUES(17,'2026-12-05T15:17:54.395Z','allocation','demo-wetland','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":364528,"sold_g":364528,"updated_at":"2026-12-05T15:17:54.395Z"}','f9ba9e1664bc53447b7444ca6c0c38d2038a28674e3b6561b478bcff9e795737','decdf30e9c0e64b2e8e650276e0019b9ba7cfaff62799b49efbc26c53d624043');
INSERT INTO "audit" VALUES(18,'2026-12-05T15:17:54.395Z','order','68b0e086-f461-4a1e-ac11-8d4a10c85a02','place','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"0EG1MF","created_at":"2026-12-05T15:17:54.395Z","expired_reason":null,"expires_at":"2026-12-05T15:32:54.395Z","factors_version":"2026.11.1","footprint_g":364528,"id":"68b0e086-f461-4a1e-ac11-8d4a10c85a02","kiosk_id":"KTNN83KY69","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-12-05T15:17:54.395Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','decdf30e9c0e64b2e8e650276e0019b9ba7cfaff62799b49efbc26c53d624043','26be8ac676df039f593e14889ee8ccdf983e7477659f2b9c0fc188f13f3bdd6e');
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0));
INSERT INTO "counters" VALUES('order_seq',2);
INSERT INTO "counters" VALUES('serial',1);
CREATE TABLE factor_overrides (
            factor_id TEXT PRIMARY KEY,
            kg_per_unit TEXT,
            publisher TEXT NOT NULL,
            dataset TEXT NOT NULL,
            year INTEGER NOT NULL,
            url TEXT NOT NULL,
            reason TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL
        );
CREATE TABLE kiosk_keys (
            kiosk_id TEXT PRIMARY KEY,
            public_key TEXT NOT NULL,
            source TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "meta" VALUES('kiosk_id','KTNN83KY69');
INSERT INTO "meta" VALUES('created_at','2026-12-05T15:17:54.234Z');
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
INSERT INTO "orders" VALUES('c9ae7df6-f45b-4e45-b17d-9393a4b97823',1,'JF1SWP','KTNN83KY69','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-wetland',364528,9000,3281,'old','zh','paid','2026-12-05T15:17:54.393Z','2026-12-05T15:17:54.394Z','2026-12-05T15:32:54.394Z','2026-12-05T15:17:54.394Z','cash','c1',1,NULL,NULL,NULL,NULL,'none',NULL,NULL);
INSERT INTO "orders" VALUES('68b0e086-f461-4a1e-ac11-8d4a10c85a02',2,'0EG1MF','KTNN83KY69','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-wetland',364528,9000,3281,'','zh','awaiting_payment','2026-12-05T15:17:54.395Z','2026-12-05T15:17:54.395Z','2026-12-05T15:32:54.395Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,NULL);
CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL REFERENCES orders(id),
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
INSERT INTO "outbox" VALUES(1,'c9ae7df6-f45b-4e45-b17d-9393a4b97823','paid','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"JF1SWP","created_at":"2026-12-05T15:17:54.393Z","expired_reason":null,"expires_at":"2026-12-05T15:32:54.394Z","factors_version":"2026.11.1","footprint_g":364528,"id":"c9ae7df6-f45b-4e45-b17d-9393a4b97823","kiosk_id":"KTNN83KY69","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"old","offset_g":364528,"paid_at":"2026-12-05T15:17:54.394Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-12-05T15:17:54.394Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','2026-12-05T15:17:54.394Z',NULL);
CREATE TABLE price_overrides (
            project_id TEXT PRIMARY KEY REFERENCES projects(id),
            price_fen_per_t INTEGER CHECK (price_fen_per_t IS NULL OR price_fen_per_t > 0),
            reason TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL
        );
CREATE TABLE projects (
            id TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            price_fen_per_t INTEGER NOT NULL CHECK (price_fen_per_t > 0),
            catalogue_version TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
INSERT INTO "projects" VALUES('demo-longquan-forest','{"id": "demo-longquan-forest", "name": {"zh": "演示：龙泉山城市森林碳汇", "en": "Demo: Longquan Mountain urban forest", "fr": "Démo : forêt urbaine du mont Longquan"}, "type": "forestry", "location": {"zh": "四川成都龙泉驿", "en": "Longquanyi, Chengdu, Sichuan", "fr": "Longquanyi, Chengdu, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2024, "price_fen_per_t": 8000, "description": {"zh": "演示项目：城市森林植树造林与养护。", "en": "Demo project: planting and tending an urban forest.", "fr": "Projet de démonstration : plantation et entretien d''une forêt urbaine."}, "picture": ""}',8000,'demo-2026.11.1','2026-12-05T15:17:54.380Z');
INSERT INTO "projects" VALUES('demo-rural-biogas','{"id": "demo-rural-biogas", "name": {"zh": "演示：川西农村户用沼气", "en": "Demo: West Sichuan household biogas", "fr": "Démo : biogaz domestique de l''ouest du Sichuan"}, "type": "biogas", "location": {"zh": "四川", "en": "Sichuan", "fr": "Sichuan"}, "standard": "CCER (demo)", "vintage": 2023, "price_fen_per_t": 7000, "description": {"zh": "演示项目：农户沼气池替代燃煤与薪柴。", "en": "Demo project: household digesters replacing coal and firewood.", "fr": "Projet de démonstration : digesteurs domestiques remplaçant charbon et bois."}, "picture": ""}',7000,'demo-2026.11.1','2026-12-05T15:17:54.380Z');
INSERT INTO "projects" VALUES('demo-rooftop-solar','{"id": "demo-rooftop-solar", "name": {"zh": "演示：成都屋顶分布式光伏", "en": "Demo: Chengdu rooftop solar", "fr": "Démo : solaire sur les toits de Chengdu"}, "type": "solar", "location": {"zh": "四川成都", "en": "Chengdu, Sichuan", "fr": "Chengdu, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2025, "price_fen_per_t": 8000, "description": {"zh": "演示项目：工商业屋顶光伏发电。", "en": "Demo project: solar panels on commercial roofs.", "fr": "Projet de démonstration : panneaux solaires sur des toits commerciaux."}, "picture": ""}',8000,'demo-2026.11.1','2026-12-05T15:17:54.380Z');
INSERT INTO "projects" VALUES('demo-wetland','{"id": "demo-wetland", "name": {"zh": "演示：都江堰湿地保护", "en": "Demo: Dujiangyan wetland restoration", "fr": "Démo : restauration des zones humides de Dujiangyan"}, "type": "wetland", "location": {"zh": "四川都江堰", "en": "Dujiangyan, Sichuan", "fr": "Dujiangyan, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2024, "price_fen_per_t": 9000, "description": {"zh": "演示项目：湿地修复与保护。", "en": "Demo project: restoring and protecting wetlands.", "fr": "Projet de démonstration : restauration et protection de zones humides."}, "picture": ""}',9000,'demo-2026.11.1','2026-12-05T15:17:54.380Z');
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
