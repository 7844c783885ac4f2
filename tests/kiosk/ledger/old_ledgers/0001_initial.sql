-- a ledger at schema 0001_initial, made by commit 7ef827e's code (see test_migrations.py)
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'diandian-ledger','0001_initial','2026-11-26 14:08:37.236560+00:00');
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
INSERT INTO "audit" VALUES(1,'2026-01-01T00:00:00.000Z','meta','kiosk_id','create','system','{"key":"kiosk_id","value":"KDKVPRFPH0"}','0000000000000000000000000000000000000000000000000000000000000000','040e97a9d05748600043c76407559a14847d486a7a95050f97b76353a1967122');
INSERT INTO "audit" VALUES(2,'2026-01-01T00:00:00.000Z','meta','created_at','create','system','{"key":"created_at","value":"2026-01-01T00:00:00.000Z"}','040e97a9d05748600043c76407559a14847d486a7a95050f97b76353a1967122','3f09f2fb41e4cde78f3cca0d7c132635097d45d54244fb1899f1f24989ab7058');
INSERT INTO "audit" VALUES(3,'2026-01-01T08:00:00.000Z','project','demo-longquan-forest','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-longquan-forest\", \"name\": {\"zh\": \"演示：龙泉山城市森林碳汇\", \"en\": \"Demo: Longquan Mountain urban forest\", \"fr\": \"Démo : forêt urbaine du mont Longquan\"}, \"type\": \"forestry\", \"location\": {\"zh\": \"四川成都龙泉驿\", \"en\": \"Longquanyi, Chengdu, Sichuan\", \"fr\": \"Longquanyi, Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：城市森林植树造林与养护。\", \"en\": \"Demo project: planting and tending an urban forest.\", \"fr\": \"Projet de démonstration : plantation et entretien d''une forêt urbaine.\"}, \"picture\": \"\"}","id":"demo-longquan-forest","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','3f09f2fb41e4cde78f3cca0d7c132635097d45d54244fb1899f1f24989ab7058','202a4b01cacb5655e70a14d217ba8889acacd64765261f1f2e61c04df19f2c07');
INSERT INTO "audit" VALUES(4,'2026-01-01T08:00:00.000Z','allocation','demo-longquan-forest','grant','system','{"granted_g":5000000,"project_id":"demo-longquan-forest","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','202a4b01cacb5655e70a14d217ba8889acacd64765261f1f2e61c04df19f2c07','170ac0b1a36b932f7274830635ee44002ee5262e94cbe1cdf0d6d08f080e9203');
INSERT INTO "audit" VALUES(5,'2026-01-01T08:00:00.000Z','project','demo-rural-biogas','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rural-biogas\", \"name\": {\"zh\": \"演示：川西农村户用沼气\", \"en\": \"Demo: West Sichuan household biogas\", \"fr\": \"Démo : biogaz domestique de l''ouest du Sichuan\"}, \"type\": \"biogas\", \"location\": {\"zh\": \"四川\", \"en\": \"Sichuan\", \"fr\": \"Sichuan\"}, \"standard\": \"CCER (demo)\", \"vintage\": 2023, \"price_fen_per_t\": 7000, \"description\": {\"zh\": \"演示项目：农户沼气池替代燃煤与薪柴。\", \"en\": \"Demo project: household digesters replacing coal and firewood.\", \"fr\": \"Projet de démonstration : digesteurs domestiques remplaçant charbon et bois.\"}, \"picture\": \"\"}","id":"demo-rural-biogas","price_fen_per_t":7000,"updated_at":"2026-01-01T08:00:00.000Z"}','170ac0b1a36b932f7274830635ee44002ee5262e94cbe1cdf0d6d08f080e9203','d6de0d153f4d102246eb9d6c8136f3c4017e5238658879a88426c9ae0ca32fa6');
INSERT INTO "audit" VALUES(6,'2026-01-01T08:00:00.000Z','allocation','demo-rural-biogas','grant','system','{"granted_g":5000000,"project_id":"demo-rural-biogas","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','d6de0d153f4d102246eb9d6c8136f3c4017e5238658879a88426c9ae0ca32fa6','017ae4bfea0066c67e9cae2ceca9098bef7d28f89cac5a4245293109d6824e8f');
INSERT INTO "audit" VALUES(7,'2026-01-01T08:00:00.000Z','project','demo-rooftop-solar','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rooftop-solar\", \"name\": {\"zh\": \"演示：成都屋顶分布式光伏\", \"en\": \"Demo: Chengdu rooftop solar\", \"fr\": \"Démo : solaire sur les toits de Chengdu\"}, \"type\": \"solar\", \"location\": {\"zh\": \"四川成都\", \"en\": \"Chengdu, Sichuan\", \"fr\": \"Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2025, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：工商业屋顶光伏发电。\", \"en\": \"Demo project: solar panels on commercial roofs.\", \"fr\": \"Projet de démonstration : panneaux solaires sur des toits commerciaux.\"}, \"picture\": \"\"}","id":"demo-rooftop-solar","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','017ae4bfea0066c67e9cae2ceca9098bef7d28f89cac5a4245293109d6824e8f','ef5a4396549a22fa4bcc622300c3e327602d59ca9a48667b23091553b03b1eb7');
INSERT INTO "audit" VALUES(8,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','grant','system','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','ef5a4396549a22fa4bcc622300c3e327602d59ca9a48667b23091553b03b1eb7','ca567c30b2fc0deb4d42bff906fd617431688885c5cca983409ecd8c84bd486d');
INSERT INTO "audit" VALUES(9,'2026-01-01T08:00:00.000Z','project','demo-wetland','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-wetland\", \"name\": {\"zh\": \"演示：都江堰湿地保护\", \"en\": \"Demo: Dujiangyan wetland restoration\", \"fr\": \"Démo : restauration des zones humides de Dujiangyan\"}, \"type\": \"wetland\", \"location\": {\"zh\": \"四川都江堰\", \"en\": \"Dujiangyan, Sichuan\", \"fr\": \"Dujiangyan, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 9000, \"description\": {\"zh\": \"演示项目：湿地修复与保护。\", \"en\": \"Demo project: restoring and protecting wetlands.\", \"fr\": \"Projet de démonstration : restauration et protection de zones humides.\"}, \"picture\": \"\"}","id":"demo-wetland","price_fen_per_t":9000,"updated_at":"2026-01-01T08:00:00.000Z"}','ca567c30b2fc0deb4d42bff906fd617431688885c5cca983409ecd8c84bd486d','9e66ebff0827b7ff26e4d15ebb2698462ffbe5214aa331863af35234e5e70b6b');
INSERT INTO "audit" VALUES(10,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','grant','system','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','9e66ebff0827b7ff26e4d15ebb2698462ffbe5214aa331863af35234e5e70b6b','ce33585026c1dd725d6babcb22d10c1ba85a6f3d41df021f476661ec67320dc2');
INSERT INTO "audit" VALUES(11,'2026-01-01T08:00:00.000Z','order','338dffc7-53ab-49ec-9355-7c16ef7da254','create','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"WMPYAX","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"338dffc7-53ab-49ec-9355-7c16ef7da254","kiosk_id":"KDKVPRFPH0","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','ce33585026c1dd725d6babcb22d10c1ba85a6f3d41df021f476661ec67320dc2','a9911efaa98ed8dc3788e9d61132c9a419adb85d4f986226e7d1f9d6ce7dc610');
INSERT INTO "audit" VALUES(12,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','a9911efaa98ed8dc3788e9d61132c9a419adb85d4f986226e7d1f9d6ce7dc610','46b58193565c2bf304d86cf3073c66d2185c9b6279e9cfcb8e2e4f20c6756b26');
INSERT INTO "audit" VALUES(13,'2026-01-01T08:00:00.000Z','order','338dffc7-53ab-49ec-9355-7c16ef7da254','place','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"WMPYAX","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"338dffc7-53ab-49ec-9355-7c16ef7da254","kiosk_id":"KDKVPRFPH0","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','46b58193565c2bf304d86cf3073c66d2185c9b6279e9cfcb8e2e4f20c6756b26','48670204c0d3c8b7c06dddd09a333cbaa0f6d624c74ca2871495567558e0c8a2');
INSERT INTO "audit" VALUES(14,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','draw','c1','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":364528,"updated_at":"2026-01-01T08:00:00.000Z"}','48670204c0d3c8b7c06dddd09a333cbaa0f6d624c74ca2871495567558e0c8a2','cb844d5b72e13408628360dcac0098aeb04235d29ff84c58abc0cfbc1a6e3bd9');
INSERT INTO "audit" VALUES(15,'2026-01-01T08:00:00.000Z','order','338dffc7-53ab-49ec-9355-7c16ef7da254','pay','c1','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"WMPYAX","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"338dffc7-53ab-49ec-9355-7c16ef7da254","kiosk_id":"KDKVPRFPH0","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','cb844d5b72e13408628360dcac0098aeb04235d29ff84c58abc0cfbc1a6e3bd9','ea327e656951794d07c6fdcd738b13e560145cff6d0bdd74eeacd8e087504f92');
INSERT INTO "audit" VALUES(16,'2026-01-01T08:00:00.000Z','order','ae1061e4-e3d1-4804-9756-9b4d6d271c60','create','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"1DZJJW","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"ae1061e4-e3d1-4804-9756-9b4d6d271c60","kiosk_id":"KDKVPRFPH0","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','ea327e656951794d07c6fdcd738b13e560145cff6d0bdd74eeacd8e087504f92','fd90317c5dede8b7915d8885ae89c6be60bc232247f3ab9d5bb629a77d795b7a');
INSERT INTO "audit" VALUES(17,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','fd90317c5dede8b7915d8885ae89c6be60bc232247f3ab9d5bb629a77d795b7a','6277a34639d259a2873f30ef6a3f96307b3267e977fd129addb6578698cd7479');
INSERT INTO "audit" VALUES(18,'2026-01-01T08:00:00.000Z','order','ae1061e4-e3d1-4804-9756-9b4d6d271c60','place','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"1DZJJW","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"ae1061e4-e3d1-4804-9756-9b4d6d271c60","kiosk_id":"KDKVPRFPH0","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','6277a34639d259a2873f30ef6a3f96307b3267e977fd129addb6578698cd7479','b2f124af5a0809c0b63efad27020a44c13b0ea0f3934a10b9939c118e6f4000e');
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0));
INSERT INTO "counters" VALUES('order_seq',2);
INSERT INTO "counters" VALUES('serial',1);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "meta" VALUES('kiosk_id','KDKVPRFPH0');
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
            expired_reason TEXT,
            CHECK ((status IN ('paid', 'voided')) = (serial IS NOT NULL))
        );
INSERT INTO "orders" VALUES('338dffc7-53ab-49ec-9355-7c16ef7da254',1,'WMPYAX','KDKVPRFPH0','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-wetland',364528,9000,3281,'','zh','paid','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z','2026-01-01T08:00:00.000Z','cash','c1',1,NULL,NULL,NULL,NULL);
INSERT INTO "orders" VALUES('ae1061e4-e3d1-4804-9756-9b4d6d271c60',2,'1DZJJW','KDKVPRFPH0','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-rooftop-solar',364528,8000,2917,'','zh','awaiting_payment','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL REFERENCES orders(id),
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
INSERT INTO "outbox" VALUES(1,'338dffc7-53ab-49ec-9355-7c16ef7da254','paid','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"WMPYAX","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"338dffc7-53ab-49ec-9355-7c16ef7da254","kiosk_id":"KDKVPRFPH0","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','2026-01-01T08:00:00.000Z',NULL);
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
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('outbox',1);
COMMIT;
