-- a ledger at schema 0020_audit_compact: the 0018 dump upgraded by commit baee40f's code (see test_migrations.py)
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'diandian-ledger','0001_initial','2026-12-05 15:30:43.762412+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'diandian-ledger','0002_slip_status','2026-12-05 15:30:43.763551+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'diandian-ledger','0003_kiosk_keys','2026-12-05 15:30:43.763898+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'diandian-ledger','0004_accounts','2026-12-05 15:30:43.764515+00:00');
INSERT INTO "_sqlite_migrations" VALUES(5,'diandian-ledger','0005_sync','2026-12-05 15:30:43.765652+00:00');
INSERT INTO "_sqlite_migrations" VALUES(6,'diandian-ledger','0006_rank_index','2026-12-05 15:30:43.765802+00:00');
INSERT INTO "_sqlite_migrations" VALUES(7,'diandian-ledger','0007_local_overrides','2026-12-05 15:30:43.766805+00:00');
INSERT INTO "_sqlite_migrations" VALUES(8,'diandian-ledger','0008_credit_ranges','2026-12-05 15:30:43.769401+00:00');
INSERT INTO "_sqlite_migrations" VALUES(9,'diandian-ledger','0010_slip_unconfirmed','2026-12-05 17:57:00.011773+00:00');
INSERT INTO "_sqlite_migrations" VALUES(10,'diandian-ledger','0016_day_closes','2026-12-05 19:39:56.586873+00:00');
INSERT INTO "_sqlite_migrations" VALUES(11,'diandian-ledger','0017_companies_events','2026-12-05 21:16:28.997560+00:00');
INSERT INTO "_sqlite_migrations" VALUES(12,'diandian-ledger','0018_audit_changes','2026-12-06 00:35:34.516582+00:00');
INSERT INTO "_sqlite_migrations" VALUES(13,'diandian-ledger','0020_audit_compact','2026-12-06 06:16:39.661126+00:00');
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
            updated_at TEXT NOT NULL, drawn_g INTEGER NOT NULL DEFAULT 0
            CHECK (drawn_g >= 0), refunded_g INTEGER NOT NULL DEFAULT 0
            CHECK (refunded_g >= 0),
            CHECK (reserved_g + sold_g <= granted_g)
        );
INSERT INTO "allocations" VALUES('demo-longquan-forest',5000000,0,0,'2026-12-05T15:30:43.777Z',0,0);
INSERT INTO "allocations" VALUES('demo-rural-biogas',5000000,0,0,'2026-12-05T15:30:43.777Z',0,0);
INSERT INTO "allocations" VALUES('demo-rooftop-solar',5000000,0,0,'2026-12-05T15:30:43.777Z',0,0);
INSERT INTO "allocations" VALUES('demo-wetland',5000000,471528,471528,'2026-12-05T15:30:43.794Z',0,0);
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
INSERT INTO "audit" VALUES(1,'2026-12-05T15:30:43.736Z','meta','kiosk_id','create','system','{"key":"kiosk_id","value":"K1FD8X82D7"}','0000000000000000000000000000000000000000000000000000000000000000','626d29f35058a6cf170bb2f79e3b88d4dc48920c7f0c7aee339a5b9fdd164c6a');
INSERT INTO "audit" VALUES(2,'2026-12-05T15:30:43.736Z','meta','created_at','create','system','{"key":"created_at","value":"2026-12-05T15:30:43.736Z"}','626d29f35058a6cf170bb2f79e3b88d4dc48920c7f0c7aee339a5b9fdd164c6a','59ffef56f094019508f86d18eea543e8a335f4d327a887529258da62ff733a15');
INSERT INTO "audit" VALUES(3,'2026-12-05T15:30:43.777Z','project','demo-longquan-forest','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-longquan-forest\", \"name\": {\"zh\": \"演示：龙泉山城市森林碳汇\", \"en\": \"Demo: Longquan Mountain urban forest\", \"fr\": \"Démo : forêt urbaine du mont Longquan\"}, \"type\": \"forestry\", \"location\": {\"zh\": \"四川成都龙泉驿\", \"en\": \"Longquanyi, Chengdu, Sichuan\", \"fr\": \"Longquanyi, Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：城市森林植树造林与养护。\", \"en\": \"Demo project: planting and tending an urban forest.\", \"fr\": \"Projet de démonstration : plantation et entretien d''une forêt urbaine.\"}, \"picture\": \"\", \"credit_model\": \"retire_first\"}","id":"demo-longquan-forest","price_fen_per_t":8000,"updated_at":"2026-12-05T15:30:43.777Z"}','59ffef56f094019508f86d18eea543e8a335f4d327a887529258da62ff733a15','c625e9a9b1923a4694b9d44c190962c02e6371992c206d908710376487ae73ce');
INSERT INTO "audit" VALUES(4,'2026-12-05T15:30:43.777Z','allocation','demo-longquan-forest','grant','system','{"drawn_g":0,"granted_g":5000000,"project_id":"demo-longquan-forest","refunded_g":0,"reserved_g":0,"sold_g":0,"updated_at":"2026-12-05T15:30:43.777Z"}','c625e9a9b1923a4694b9d44c190962c02e6371992c206d908710376487ae73ce','157cdd18f6cf0b3fc3d24e19b4f362129424668dfb9d76fbb37663d16821da50');
INSERT INTO "audit" VALUES(5,'2026-12-05T15:30:43.777Z','project','demo-rural-biogas','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rural-biogas\", \"name\": {\"zh\": \"演示：川西农村户用沼气\", \"en\": \"Demo: West Sichuan household biogas\", \"fr\": \"Démo : biogaz domestique de l''ouest du Sichuan\"}, \"type\": \"biogas\", \"location\": {\"zh\": \"四川\", \"en\": \"Sichuan\", \"fr\": \"Sichuan\"}, \"standard\": \"CCER (demo)\", \"vintage\": 2023, \"price_fen_per_t\": 7000, \"description\": {\"zh\": \"演示项目：农户沼气池替代燃煤与薪柴。\", \"en\": \"Demo project: household digesters replacing coal and firewood.\", \"fr\": \"Projet de démonstration : digesteurs domestiques remplaçant charbon et bois.\"}, \"picture\": \"\", \"credit_model\": \"retire_first\"}","id":"demo-rural-biogas","price_fen_per_t":7000,"updated_at":"2026-12-05T15:30:43.777Z"}','157cdd18f6cf0b3fc3d24e19b4f362129424668dfb9d76fbb37663d16821da50','4fc42c35160d7902a7305b7d89008428cfc05a73f1d893cc0ac703a0cc3c85b7');
INSERT INTO "audit" VALUES(6,'2026-12-05T15:30:43.777Z','allocation','demo-rural-biogas','grant','system','{"drawn_g":0,"granted_g":5000000,"project_id":"demo-rural-biogas","refunded_g":0,"reserved_g":0,"sold_g":0,"updated_at":"2026-12-05T15:30:43.777Z"}','4fc42c35160d7902a7305b7d89008428cfc05a73f1d893cc0ac703a0cc3c85b7','e698d7a8c2617a5c438299639f4dadfeb130f73dc0efc19c9b4d35eb16d1bfbc');
INSERT INTO "audit" VALUES(7,'2026-12-05T15:30:43.777Z','project','demo-rooftop-solar','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rooftop-solar\", \"name\": {\"zh\": \"演示：成都屋顶分布式光伏\", \"en\": \"Demo: Chengdu rooftop solar\", \"fr\": \"Démo : solaire sur les toits de Chengdu\"}, \"type\": \"solar\", \"location\": {\"zh\": \"四川成都\", \"en\": \"Chengdu, Sichuan\", \"fr\": \"Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2025, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：工商业屋顶光伏发电。\", \"en\": \"Demo project: solar panels on commercial roofs.\", \"fr\": \"Projet de démonstration : panneaux solaires sur des toits commerciaux.\"}, \"picture\": \"\", \"credit_model\": \"retire_first\"}","id":"demo-rooftop-solar","price_fen_per_t":8000,"updated_at":"2026-12-05T15:30:43.777Z"}','e698d7a8c2617a5c438299639f4dadfeb130f73dc0efc19c9b4d35eb16d1bfbc','f1bf07f854fafbd49986d6bef6af3bd3a3f104f77a573f1acbc144d160ce8dc1');
INSERT INTO "audit" VALUES(8,'2026-12-05T15:30:43.777Z','allocation','demo-rooftop-solar','grant','system','{"drawn_g":0,"granted_g":5000000,"project_id":"demo-rooftop-solar","refunded_g":0,"reserved_g":0,"sold_g":0,"updated_at":"2026-12-05T15:30:43.777Z"}','f1bf07f854fafbd49986d6bef6af3bd3a3f104f77a573f1acbc144d160ce8dc1','3fdde62c9751adf4a9c2508b62c785675c8c376f8afcd921aac1fda478d0b37e');
INSERT INTO "audit" VALUES(9,'2026-12-05T15:30:43.777Z','project','demo-wetland','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-wetland\", \"name\": {\"zh\": \"演示：都江堰湿地保护\", \"en\": \"Demo: Dujiangyan wetland restoration\", \"fr\": \"Démo : restauration des zones humides de Dujiangyan\"}, \"type\": \"wetland\", \"location\": {\"zh\": \"四川都江堰\", \"en\": \"Dujiangyan, Sichuan\", \"fr\": \"Dujiangyan, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 9000, \"description\": {\"zh\": \"演示项目：湿地修复与保护。\", \"en\": \"Demo project: restoring and protecting wetlands.\", \"fr\": \"Projet de démonstration : restauration et protection de zones humides.\"}, \"picture\": \"\", \"credit_model\": \"retire_first\"}","id":"demo-wetland","price_fen_per_t":9000,"updated_at":"2026-12-05T15:30:43.777Z"}','3fdde62c9751adf4a9c2508b62c785675c8c376f8afcd921aac1fda478d0b37e','dc66965cb95c24d1fd706b9e1b3f1c7bbc3a63d4c01a98932584a85f463acacd');
INSERT INTO "audit" VALUES(10,'2026-12-05T15:30:43.777Z','allocation','demo-wetland','grant','system','{"drawn_g":0,"granted_g":5000000,"project_id":"demo-wetland","refunded_g":0,"reserved_g":0,"sold_g":0,"updated_at":"2026-12-05T15:30:43.777Z"}','dc66965cb95c24d1fd706b9e1b3f1c7bbc3a63d4c01a98932584a85f463acacd','b66be183948b053d010e7938d0781036d5952b0630b7a7b50fd88c98dff8e8fd');
INSERT INTO "audit" VALUES(11,'2026-12-05T15:30:43.792Z','order','3a109007-1114-4683-9c7d-0eb49435c0b7','create','kiosk','{"amount_fen":4244,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":2,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"JK1WSJ","created_at":"2026-12-05T15:30:43.792Z","credit_ranges":"[]","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":471528,"id":"3a109007-1114-4683-9c7d-0eb49435c0b7","kiosk_id":"K1FD8X82D7","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"hotel_night_china\",\"factor_kg_per_unit\":53.5,\"g\":107000,\"quantity\":2.0,\"unit\":\"room_night\"}]","nickname":"小明","offset_g":471528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-12-05T15:30:43.792Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','b66be183948b053d010e7938d0781036d5952b0630b7a7b50fd88c98dff8e8fd','6030361c889ee55f011ab603d81a0345dc672643766f58389f4c778c9b31e900');
INSERT INTO "audit" VALUES(12,'2026-12-05T15:30:43.792Z','allocation','demo-wetland','reserve','kiosk','{"drawn_g":0,"granted_g":5000000,"project_id":"demo-wetland","refunded_g":0,"reserved_g":471528,"sold_g":0,"updated_at":"2026-12-05T15:30:43.792Z"}','6030361c889ee55f011ab603d81a0345dc672643766f58389f4c778c9b31e900','716d465efcca3938a699904f05cf25c15da4e1b26f125b212cb0591a0366f5d2');
INSERT INTO "audit" VALUES(13,'2026-12-05T15:30:43.792Z','order','3a109007-1114-4683-9c7d-0eb49435c0b7','place','kiosk','{"amount_fen":4244,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":2,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"JK1WSJ","created_at":"2026-12-05T15:30:43.792Z","credit_ranges":"[]","expired_reason":null,"expires_at":"2026-12-05T15:45:43.792Z","factors_version":"2026.11.1","footprint_g":471528,"id":"3a109007-1114-4683-9c7d-0eb49435c0b7","kiosk_id":"K1FD8X82D7","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"hotel_night_china\",\"factor_kg_per_unit\":53.5,\"g\":107000,\"quantity\":2.0,\"unit\":\"room_night\"}]","nickname":"小明","offset_g":471528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-12-05T15:30:43.792Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','716d465efcca3938a699904f05cf25c15da4e1b26f125b212cb0591a0366f5d2','a9f0ca651cdd741a535fc63baded258f2a51d3bc9c6ce12d78bebc1111462b9b');
INSERT INTO "audit" VALUES(14,'2026-12-05T15:30:43.793Z','allocation','demo-wetland','draw','alice','{"drawn_g":0,"granted_g":5000000,"project_id":"demo-wetland","refunded_g":0,"reserved_g":0,"sold_g":471528,"updated_at":"2026-12-05T15:30:43.793Z"}','a9f0ca651cdd741a535fc63baded258f2a51d3bc9c6ce12d78bebc1111462b9b','f19adfb6daed9e826ba0a1e9edb9004f35726149d3525ebadb2d7b4ff71f9652');
INSERT INTO "audit" VALUES(15,'2026-12-05T15:30:43.793Z','order','3a109007-1114-4683-9c7d-0eb49435c0b7','pay','alice','{"amount_fen":4244,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":2,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"alice","code":"JK1WSJ","created_at":"2026-12-05T15:30:43.792Z","credit_ranges":"[]","expired_reason":null,"expires_at":"2026-12-05T15:45:43.792Z","factors_version":"2026.11.1","footprint_g":471528,"id":"3a109007-1114-4683-9c7d-0eb49435c0b7","kiosk_id":"K1FD8X82D7","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"hotel_night_china\",\"factor_kg_per_unit\":53.5,\"g\":107000,\"quantity\":2.0,\"unit\":\"room_night\"}]","nickname":"小明","offset_g":471528,"paid_at":"2026-12-05T15:30:43.793Z","payment_method":"card","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-12-05T15:30:43.793Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','f19adfb6daed9e826ba0a1e9edb9004f35726149d3525ebadb2d7b4ff71f9652','ba7930b01e5212ecd7f1f3adaf9ae2e06191cf54817752cb734a7155f5f31e55');
INSERT INTO "audit" VALUES(16,'2026-12-05T15:30:43.794Z','order','3b7226e5-d36b-40f5-a75c-da54b0babec8','create','kiosk','{"amount_fen":4244,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":2,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"ME57CX","created_at":"2026-12-05T15:30:43.794Z","credit_ranges":"[]","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":471528,"id":"3b7226e5-d36b-40f5-a75c-da54b0babec8","kiosk_id":"K1FD8X82D7","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"hotel_night_china\",\"factor_kg_per_unit\":53.5,\"g\":107000,\"quantity\":2.0,\"unit\":\"room_night\"}]","nickname":"","offset_g":471528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-12-05T15:30:43.794Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','ba7930b01e5212ecd7f1f3adaf9ae2e06191cf54817752cb734a7155f5f31e55','db0cb7916edc6f8f6923ec0d8fc7bf645ae8fc13e79f2f8ba707412a73a098f8');
INSERT INTO "audit" VALUES(17,'2026-12-05T15:30:43.794Z','allocation','demo-wetland','reserve','kiosk','{"drawn_g":0,"granted_g":5000000,"project_id":"demo-wetland","refunded_g":0,"reserved_g":471528,"sold_g":471528,"updated_at":"2026-12-05T15:30:43.794Z"}','db0cb7916edc6f8f6923ec0d8fc7bf645ae8fc13e79f2f8ba707412a73a098f8','0e3adbfb63418b0a3d2065c88cf5b6e12f1bad59b3e5f1f52069a929a6df8365');
INSERT INTO "audit" VALUES(18,'2026-12-05T15:30:43.794Z','order','3b7226e5-d36b-40f5-a75c-da54b0babec8','place','kiosk','{"amount_fen":4244,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":2,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"ME57CX","created_at":"2026-12-05T15:30:43.794Z","credit_ranges":"[]","expired_reason":null,"expires_at":"2026-12-05T15:45:43.794Z","factors_version":"2026.11.1","footprint_g":471528,"id":"3b7226e5-d36b-40f5-a75c-da54b0babec8","kiosk_id":"K1FD8X82D7","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"hotel_night_china\",\"factor_kg_per_unit\":53.5,\"g\":107000,\"quantity\":2.0,\"unit\":\"room_night\"}]","nickname":"","offset_g":471528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-12-05T15:30:43.794Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','0e3adbfb63418b0a3d2065c88cf5b6e12f1bad59b3e5f1f52069a929a6df8365','a989104a02ccbed007e703e2d83521ce49c41f19cdff804218cc2deff4864fc9');
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0));
INSERT INTO "counters" VALUES('order_seq',2);
INSERT INTO "counters" VALUES('serial',1);
CREATE TABLE credit_grants (
            id INTEGER PRIMARY KEY,
            project_id TEXT NOT NULL REFERENCES projects(id),
            grant_ref TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            first INTEGER NOT NULL CHECK (first >= 0),
            last INTEGER NOT NULL,
            width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 18),
            start_g INTEGER NOT NULL CHECK (start_g >= 0),
            reference TEXT,
            beneficiary TEXT,
            added_at TEXT NOT NULL,
            CHECK (last >= first),
            UNIQUE (project_id, start_g)
        );
CREATE TABLE day_closes (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL,
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL,
            UNIQUE (day, revision)
        );
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
INSERT INTO "meta" VALUES('kiosk_id','K1FD8X82D7');
INSERT INTO "meta" VALUES('created_at','2026-12-05T15:30:43.736Z');
CREATE TABLE "orders" (
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
            CHECK (slip_status IN ('none', 'pending', 'printed', 'failed', 'unconfirmed')), slip_error TEXT, slip_printed_at TEXT, credit_ranges TEXT NOT NULL DEFAULT '[]', company_name TEXT NOT NULL DEFAULT '', company_code TEXT NOT NULL DEFAULT '', invoice_email TEXT NOT NULL DEFAULT '', event_id TEXT NOT NULL DEFAULT '', event_name TEXT NOT NULL DEFAULT '', for_event INTEGER NOT NULL DEFAULT 0
            CHECK (for_event IN (0, 1)),
            CHECK ((status IN ('paid', 'voided')) = (serial IS NOT NULL))
        );
INSERT INTO "orders" VALUES('3a109007-1114-4683-9c7d-0eb49435c0b7',1,'JK1WSJ','K1FD8X82D7','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":2,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"hotel_night_china","factor_kg_per_unit":53.5,"g":107000,"quantity":2.0,"unit":"room_night"}]',471528,'2026.11.1','demo-wetland',471528,9000,4244,'小明','zh','paid','2026-12-05T15:30:43.792Z','2026-12-05T15:30:43.793Z','2026-12-05T15:45:43.792Z','2026-12-05T15:30:43.793Z','card','alice',1,NULL,NULL,NULL,NULL,'none',NULL,NULL,'[]','','','','','',0);
INSERT INTO "orders" VALUES('3b7226e5-d36b-40f5-a75c-da54b0babec8',2,'ME57CX','K1FD8X82D7','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":2,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"hotel_night_china","factor_kg_per_unit":53.5,"g":107000,"quantity":2.0,"unit":"room_night"}]',471528,'2026.11.1','demo-wetland',471528,9000,4244,'','zh','awaiting_payment','2026-12-05T15:30:43.794Z','2026-12-05T15:30:43.794Z','2026-12-05T15:45:43.794Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,NULL,'[]','','','','','',0);
CREATE TABLE "outbox" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided', 'day_closed')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
INSERT INTO "outbox" VALUES(1,'3a109007-1114-4683-9c7d-0eb49435c0b7','paid','{"amount_fen":4244,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":2,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"alice","code":"JK1WSJ","created_at":"2026-12-05T15:30:43.792Z","credit_ranges":"[]","expired_reason":null,"expires_at":"2026-12-05T15:45:43.792Z","factors_version":"2026.11.1","footprint_g":471528,"id":"3a109007-1114-4683-9c7d-0eb49435c0b7","kiosk_id":"K1FD8X82D7","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"hotel_night_china\",\"factor_kg_per_unit\":53.5,\"g\":107000,\"quantity\":2.0,\"unit\":\"room_night\"}]","nickname":"小明","offset_g":471528,"paid_at":"2026-12-05T15:30:43.793Z","payment_method":"card","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-12-05T15:30:43.793Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','2026-12-05T15:30:43.793Z',NULL);
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
INSERT INTO "projects" VALUES('demo-longquan-forest','{"id": "demo-longquan-forest", "name": {"zh": "演示：龙泉山城市森林碳汇", "en": "Demo: Longquan Mountain urban forest", "fr": "Démo : forêt urbaine du mont Longquan"}, "type": "forestry", "location": {"zh": "四川成都龙泉驿", "en": "Longquanyi, Chengdu, Sichuan", "fr": "Longquanyi, Chengdu, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2024, "price_fen_per_t": 8000, "description": {"zh": "演示项目：城市森林植树造林与养护。", "en": "Demo project: planting and tending an urban forest.", "fr": "Projet de démonstration : plantation et entretien d''une forêt urbaine."}, "picture": "", "credit_model": "retire_first"}',8000,'demo-2026.11.1','2026-12-05T15:30:43.777Z');
INSERT INTO "projects" VALUES('demo-rural-biogas','{"id": "demo-rural-biogas", "name": {"zh": "演示：川西农村户用沼气", "en": "Demo: West Sichuan household biogas", "fr": "Démo : biogaz domestique de l''ouest du Sichuan"}, "type": "biogas", "location": {"zh": "四川", "en": "Sichuan", "fr": "Sichuan"}, "standard": "CCER (demo)", "vintage": 2023, "price_fen_per_t": 7000, "description": {"zh": "演示项目：农户沼气池替代燃煤与薪柴。", "en": "Demo project: household digesters replacing coal and firewood.", "fr": "Projet de démonstration : digesteurs domestiques remplaçant charbon et bois."}, "picture": "", "credit_model": "retire_first"}',7000,'demo-2026.11.1','2026-12-05T15:30:43.777Z');
INSERT INTO "projects" VALUES('demo-rooftop-solar','{"id": "demo-rooftop-solar", "name": {"zh": "演示：成都屋顶分布式光伏", "en": "Demo: Chengdu rooftop solar", "fr": "Démo : solaire sur les toits de Chengdu"}, "type": "solar", "location": {"zh": "四川成都", "en": "Chengdu, Sichuan", "fr": "Chengdu, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2025, "price_fen_per_t": 8000, "description": {"zh": "演示项目：工商业屋顶光伏发电。", "en": "Demo project: solar panels on commercial roofs.", "fr": "Projet de démonstration : panneaux solaires sur des toits commerciaux."}, "picture": "", "credit_model": "retire_first"}',8000,'demo-2026.11.1','2026-12-05T15:30:43.777Z');
INSERT INTO "projects" VALUES('demo-wetland','{"id": "demo-wetland", "name": {"zh": "演示：都江堰湿地保护", "en": "Demo: Dujiangyan wetland restoration", "fr": "Démo : restauration des zones humides de Dujiangyan"}, "type": "wetland", "location": {"zh": "四川都江堰", "en": "Dujiangyan, Sichuan", "fr": "Dujiangyan, Sichuan"}, "standard": "碳惠天府 CDCER (demo)", "vintage": 2024, "price_fen_per_t": 9000, "description": {"zh": "演示项目：湿地修复与保护。", "en": "Demo project: restoring and protecting wetlands.", "fr": "Projet de démonstration : restauration et protection de zones humides."}, "picture": "", "credit_model": "retire_first"}',9000,'demo-2026.11.1','2026-12-05T15:30:43.777Z');
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
CREATE INDEX audit_entity ON audit (entity, entity_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER credit_grants_fixed BEFORE UPDATE ON credit_grants
            BEGIN SELECT RAISE(ABORT, 'a grant of retired serials cannot change'); END;
CREATE TRIGGER credit_grants_kept BEFORE DELETE ON credit_grants
            BEGIN SELECT RAISE(ABORT, 'grants of retired serials are kept'); END;
CREATE INDEX orders_status_seq ON orders (status, seq);
CREATE INDEX orders_rank_venue ON orders (status, venue, offset_g DESC);
CREATE INDEX orders_slip ON orders (slip_status) WHERE slip_status IN ('pending', 'failed', 'unconfirmed');
CREATE TRIGGER day_closes_fixed BEFORE UPDATE ON day_closes
            BEGIN SELECT RAISE(ABORT, 'a closed day cannot change'); END;
CREATE TRIGGER day_closes_kept BEFORE DELETE ON day_closes
            BEGIN SELECT RAISE(ABORT, 'closed days are kept'); END;
CREATE INDEX outbox_pending ON outbox (acked_at, id);
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
            BEGIN SELECT RAISE(ABORT, 'outbox entries are kept'); END;
CREATE TRIGGER outbox_fixed BEFORE UPDATE OF order_id, event, payload ON outbox
            BEGIN SELECT RAISE(ABORT, 'an outbox entry cannot change'); END;
CREATE TRIGGER outbox_names_an_order BEFORE INSERT ON outbox
            WHEN NEW.event IN ('paid', 'voided')
            AND NOT EXISTS (SELECT 1 FROM orders WHERE id = NEW.order_id)
            BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: no such order'); END;
CREATE TRIGGER outbox_names_a_close BEFORE INSERT ON outbox
            WHEN NEW.event = 'day_closed'
            AND NOT EXISTS (SELECT 1 FROM day_closes WHERE key = NEW.order_id)
            BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: no such closed day'); END;
CREATE INDEX orders_paid_at ON orders (paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX orders_voided_at ON orders (voided_at) WHERE voided_at IS NOT NULL;
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('outbox',1);
COMMIT;
