-- a ledger at schema 0002_slip_status, made by commit 7ef827e's code (see test_migrations.py)
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'diandian-ledger','0001_initial','2026-11-26 14:08:37.254857+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'diandian-ledger','0002_slip_status','2026-11-26 14:08:37.255820+00:00');
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
INSERT INTO "audit" VALUES(1,'2026-01-01T00:00:00.000Z','meta','kiosk_id','create','system','{"key":"kiosk_id","value":"K3C5M9861F"}','0000000000000000000000000000000000000000000000000000000000000000','2207770b0898a3a35cd60293d745677c7a86581d8507f940ca18c6ca5e3b8219');
INSERT INTO "audit" VALUES(2,'2026-01-01T00:00:00.000Z','meta','created_at','create','system','{"key":"created_at","value":"2026-01-01T00:00:00.000Z"}','2207770b0898a3a35cd60293d745677c7a86581d8507f940ca18c6ca5e3b8219','978b66c4d32e9737af2244302c985065b74cf1b5d667c2b2b46afd77bc3bbbc0');
INSERT INTO "audit" VALUES(3,'2026-01-01T08:00:00.000Z','project','demo-longquan-forest','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-longquan-forest\", \"name\": {\"zh\": \"演示：龙泉山城市森林碳汇\", \"en\": \"Demo: Longquan Mountain urban forest\", \"fr\": \"Démo : forêt urbaine du mont Longquan\"}, \"type\": \"forestry\", \"location\": {\"zh\": \"四川成都龙泉驿\", \"en\": \"Longquanyi, Chengdu, Sichuan\", \"fr\": \"Longquanyi, Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：城市森林植树造林与养护。\", \"en\": \"Demo project: planting and tending an urban forest.\", \"fr\": \"Projet de démonstration : plantation et entretien d''une forêt urbaine.\"}, \"picture\": \"\"}","id":"demo-longquan-forest","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','978b66c4d32e9737af2244302c985065b74cf1b5d667c2b2b46afd77bc3bbbc0','449e286d3d84f1f3f0f498c92a0abf9a5505ff3b81c01a3dbe0a2a43c16a7611');
INSERT INTO "audit" VALUES(4,'2026-01-01T08:00:00.000Z','allocation','demo-longquan-forest','grant','system','{"granted_g":5000000,"project_id":"demo-longquan-forest","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','449e286d3d84f1f3f0f498c92a0abf9a5505ff3b81c01a3dbe0a2a43c16a7611','f19b0d4bea6a149293e239ae001f82266de6f334397ef48510a764c0f3945703');
INSERT INTO "audit" VALUES(5,'2026-01-01T08:00:00.000Z','project','demo-rural-biogas','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rural-biogas\", \"name\": {\"zh\": \"演示：川西农村户用沼气\", \"en\": \"Demo: West Sichuan household biogas\", \"fr\": \"Démo : biogaz domestique de l''ouest du Sichuan\"}, \"type\": \"biogas\", \"location\": {\"zh\": \"四川\", \"en\": \"Sichuan\", \"fr\": \"Sichuan\"}, \"standard\": \"CCER (demo)\", \"vintage\": 2023, \"price_fen_per_t\": 7000, \"description\": {\"zh\": \"演示项目：农户沼气池替代燃煤与薪柴。\", \"en\": \"Demo project: household digesters replacing coal and firewood.\", \"fr\": \"Projet de démonstration : digesteurs domestiques remplaçant charbon et bois.\"}, \"picture\": \"\"}","id":"demo-rural-biogas","price_fen_per_t":7000,"updated_at":"2026-01-01T08:00:00.000Z"}','f19b0d4bea6a149293e239ae001f82266de6f334397ef48510a764c0f3945703','2727d7b3aa6ff21ab3ba80871700ea9a5beb496e7925fb4d2d4bf93d583dd997');
INSERT INTO "audit" VALUES(6,'2026-01-01T08:00:00.000Z','allocation','demo-rural-biogas','grant','system','{"granted_g":5000000,"project_id":"demo-rural-biogas","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','2727d7b3aa6ff21ab3ba80871700ea9a5beb496e7925fb4d2d4bf93d583dd997','4ebc3a7d00f1441e221ff54f1fd2084779689dd369092d79cd2da2976db671a7');
INSERT INTO "audit" VALUES(7,'2026-01-01T08:00:00.000Z','project','demo-rooftop-solar','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rooftop-solar\", \"name\": {\"zh\": \"演示：成都屋顶分布式光伏\", \"en\": \"Demo: Chengdu rooftop solar\", \"fr\": \"Démo : solaire sur les toits de Chengdu\"}, \"type\": \"solar\", \"location\": {\"zh\": \"四川成都\", \"en\": \"Chengdu, Sichuan\", \"fr\": \"Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2025, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：工商业屋顶光伏发电。\", \"en\": \"Demo project: solar panels on commercial roofs.\", \"fr\": \"Projet de démonstration : panneaux solaires sur des toits commerciaux.\"}, \"picture\": \"\"}","id":"demo-rooftop-solar","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','4ebc3a7d00f1441e221ff54f1fd2084779689dd369092d79cd2da2976db671a7','9a8bdf7f43f22f5375d9c0d2c3d53288824b8f99212e9947fcf8556d0100aec7');
INSERT INTO "audit" VALUES(8,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','grant','system','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','9a8bdf7f43f22f5375d9c0d2c3d53288824b8f99212e9947fcf8556d0100aec7','1bedd33c05b9d52f87af1a6bffa2eccbba953c1bd92eef0c49d654d6f660156a');
INSERT INTO "audit" VALUES(9,'2026-01-01T08:00:00.000Z','project','demo-wetland','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-wetland\", \"name\": {\"zh\": \"演示：都江堰湿地保护\", \"en\": \"Demo: Dujiangyan wetland restoration\", \"fr\": \"Démo : restauration des zones humides de Dujiangyan\"}, \"type\": \"wetland\", \"location\": {\"zh\": \"四川都江堰\", \"en\": \"Dujiangyan, Sichuan\", \"fr\": \"Dujiangyan, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 9000, \"description\": {\"zh\": \"演示项目：湿地修复与保护。\", \"en\": \"Demo project: restoring and protecting wetlands.\", \"fr\": \"Projet de démonstration : restauration et protection de zones humides.\"}, \"picture\": \"\"}","id":"demo-wetland","price_fen_per_t":9000,"updated_at":"2026-01-01T08:00:00.000Z"}','1bedd33c05b9d52f87af1a6bffa2eccbba953c1bd92eef0c49d654d6f660156a','d4fea97c9dc2e7ad368d726aee58012be790c89dcc931b2ea74b2d9fa011f2b6');
INSERT INTO "audit" VALUES(10,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','grant','system','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','d4fea97c9dc2e7ad368d726aee58012be790c89dcc931b2ea74b2d9fa011f2b6','bfc178eaa949283265c1875ba5cb81642c065a514e0c3727a9f2ac65be050b8c');
INSERT INTO "audit" VALUES(11,'2026-01-01T08:00:00.000Z','order','7fa90f69-4bfa-4442-b111-188040e5c79e','create','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"8J9ZK6","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"7fa90f69-4bfa-4442-b111-188040e5c79e","kiosk_id":"K3C5M9861F","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','bfc178eaa949283265c1875ba5cb81642c065a514e0c3727a9f2ac65be050b8c','1dd094d21f9d32a17183e9b097c75b2511bb0608c131ce69e01bc0e8ab28f036');
INSERT INTO "audit" VALUES(12,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','1dd094d21f9d32a17183e9b097c75b2511bb0608c131ce69e01bc0e8ab28f036','ebf1a05520eda39c24000dfc3234e40cf9802d61ee75d1a70a2285cd77e59dea');
INSERT INTO "audit" VALUES(13,'2026-01-01T08:00:00.000Z','order','7fa90f69-4bfa-4442-b111-188040e5c79e','place','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"8J9ZK6","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"7fa90f69-4bfa-4442-b111-188040e5c79e","kiosk_id":"K3C5M9861F","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','ebf1a05520eda39c24000dfc3234e40cf9802d61ee75d1a70a2285cd77e59dea','66294cfaa88918dbd73154419762beff72298b3619cea04fbc7775529de1bd33');
INSERT INTO "audit" VALUES(14,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','draw','c1','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":364528,"updated_at":"2026-01-01T08:00:00.000Z"}','66294cfaa88918dbd73154419762beff72298b3619cea04fbc7775529de1bd33','364fc4042ddeda9ba90f9f4526e36c57d85d2cfbcc0c498288e9f1d1e113789d');
INSERT INTO "audit" VALUES(15,'2026-01-01T08:00:00.000Z','order','7fa90f69-4bfa-4442-b111-188040e5c79e','pay','c1','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"8J9ZK6","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"7fa90f69-4bfa-4442-b111-188040e5c79e","kiosk_id":"K3C5M9861F","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','364fc4042ddeda9ba90f9f4526e36c57d85d2cfbcc0c498288e9f1d1e113789d','22870f0a77d20a44767e2cac63371ff865f82342848862c1a465f06b3f6ea574');
INSERT INTO "audit" VALUES(16,'2026-01-01T08:00:00.000Z','order','89f59b88-befc-4dd6-9679-15682cc93add','create','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"C6QWKS","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"89f59b88-befc-4dd6-9679-15682cc93add","kiosk_id":"K3C5M9861F","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','22870f0a77d20a44767e2cac63371ff865f82342848862c1a465f06b3f6ea574','1818892f88e22359dbe61196168ee26cefcda1e500a040fcb0c6a40ac8264dde');
INSERT INTO "audit" VALUES(17,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','1818892f88e22359dbe61196168ee26cefcda1e500a040fcb0c6a40ac8264dde','1cb5c5653a4c6285d83c7ed6908e0bdcbcaac4e21671ab1185407758ea290a92');
INSERT INTO "audit" VALUES(18,'2026-01-01T08:00:00.000Z','order','89f59b88-befc-4dd6-9679-15682cc93add','place','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"C6QWKS","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"89f59b88-befc-4dd6-9679-15682cc93add","kiosk_id":"K3C5M9861F","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','1cb5c5653a4c6285d83c7ed6908e0bdcbcaac4e21671ab1185407758ea290a92','2801d3d50d2a1c1f67485e79c3d0a3ab259e2df6d7ff72bfb92ef77e27689ceb');
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0));
INSERT INTO "counters" VALUES('order_seq',2);
INSERT INTO "counters" VALUES('serial',1);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "meta" VALUES('kiosk_id','K3C5M9861F');
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
INSERT INTO "orders" VALUES('7fa90f69-4bfa-4442-b111-188040e5c79e',1,'8J9ZK6','K3C5M9861F','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-wetland',364528,9000,3281,'','zh','paid','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z','2026-01-01T08:00:00.000Z','cash','c1',1,NULL,NULL,NULL,NULL,'none',NULL,NULL);
INSERT INTO "orders" VALUES('89f59b88-befc-4dd6-9679-15682cc93add',2,'C6QWKS','K3C5M9861F','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-rooftop-solar',364528,8000,2917,'','zh','awaiting_payment','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,NULL);
CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL REFERENCES orders(id),
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
INSERT INTO "outbox" VALUES(1,'7fa90f69-4bfa-4442-b111-188040e5c79e','paid','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"8J9ZK6","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"7fa90f69-4bfa-4442-b111-188040e5c79e","kiosk_id":"K3C5M9861F","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','2026-01-01T08:00:00.000Z',NULL);
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
