-- a ledger at schema 0003_kiosk_keys, made by commit 7ef827e's code (see test_migrations.py)
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'diandian-ledger','0001_initial','2026-11-26 14:08:37.273572+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'diandian-ledger','0002_slip_status','2026-11-26 14:08:37.274427+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'diandian-ledger','0003_kiosk_keys','2026-11-26 14:08:37.274687+00:00');
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
INSERT INTO "audit" VALUES(1,'2026-01-01T00:00:00.000Z','meta','kiosk_id','create','system','{"key":"kiosk_id","value":"KTTH5BWTKF"}','0000000000000000000000000000000000000000000000000000000000000000','fac0821ed5b56b4105976f7ed15286b3f7d59f0e439e05f721b697c36372fe2a');
INSERT INTO "audit" VALUES(2,'2026-01-01T00:00:00.000Z','meta','created_at','create','system','{"key":"created_at","value":"2026-01-01T00:00:00.000Z"}','fac0821ed5b56b4105976f7ed15286b3f7d59f0e439e05f721b697c36372fe2a','01f790f3a4c95077fec4b54c295ca235c85f036edc05bcc832ee2c4eb7ee8372');
INSERT INTO "audit" VALUES(3,'2026-01-01T08:00:00.000Z','project','demo-longquan-forest','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-longquan-forest\", \"name\": {\"zh\": \"演示：龙泉山城市森林碳汇\", \"en\": \"Demo: Longquan Mountain urban forest\", \"fr\": \"Démo : forêt urbaine du mont Longquan\"}, \"type\": \"forestry\", \"location\": {\"zh\": \"四川成都龙泉驿\", \"en\": \"Longquanyi, Chengdu, Sichuan\", \"fr\": \"Longquanyi, Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：城市森林植树造林与养护。\", \"en\": \"Demo project: planting and tending an urban forest.\", \"fr\": \"Projet de démonstration : plantation et entretien d''une forêt urbaine.\"}, \"picture\": \"\"}","id":"demo-longquan-forest","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','01f790f3a4c95077fec4b54c295ca235c85f036edc05bcc832ee2c4eb7ee8372','448d7789f08ee103a24c374b6cfaffdc711e1ca8584005ce4921c55b52758975');
INSERT INTO "audit" VALUES(4,'2026-01-01T08:00:00.000Z','allocation','demo-longquan-forest','grant','system','{"granted_g":5000000,"project_id":"demo-longquan-forest","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','448d7789f08ee103a24c374b6cfaffdc711e1ca8584005ce4921c55b52758975','dbe8b0de4d0fcc22b697d30847bb4a7fe1e519009d0735a98109576579657f2a');
INSERT INTO "audit" VALUES(5,'2026-01-01T08:00:00.000Z','project','demo-rural-biogas','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rural-biogas\", \"name\": {\"zh\": \"演示：川西农村户用沼气\", \"en\": \"Demo: West Sichuan household biogas\", \"fr\": \"Démo : biogaz domestique de l''ouest du Sichuan\"}, \"type\": \"biogas\", \"location\": {\"zh\": \"四川\", \"en\": \"Sichuan\", \"fr\": \"Sichuan\"}, \"standard\": \"CCER (demo)\", \"vintage\": 2023, \"price_fen_per_t\": 7000, \"description\": {\"zh\": \"演示项目：农户沼气池替代燃煤与薪柴。\", \"en\": \"Demo project: household digesters replacing coal and firewood.\", \"fr\": \"Projet de démonstration : digesteurs domestiques remplaçant charbon et bois.\"}, \"picture\": \"\"}","id":"demo-rural-biogas","price_fen_per_t":7000,"updated_at":"2026-01-01T08:00:00.000Z"}','dbe8b0de4d0fcc22b697d30847bb4a7fe1e519009d0735a98109576579657f2a','74de745b40ab24143a672ed08ed4b967aab53ae1395579d922d7c82b5e361547');
INSERT INTO "audit" VALUES(6,'2026-01-01T08:00:00.000Z','allocation','demo-rural-biogas','grant','system','{"granted_g":5000000,"project_id":"demo-rural-biogas","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','74de745b40ab24143a672ed08ed4b967aab53ae1395579d922d7c82b5e361547','4708bbc5080cff6320a217780045f41e85691e3e659cb5acefab4999df2a53a7');
INSERT INTO "audit" VALUES(7,'2026-01-01T08:00:00.000Z','project','demo-rooftop-solar','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-rooftop-solar\", \"name\": {\"zh\": \"演示：成都屋顶分布式光伏\", \"en\": \"Demo: Chengdu rooftop solar\", \"fr\": \"Démo : solaire sur les toits de Chengdu\"}, \"type\": \"solar\", \"location\": {\"zh\": \"四川成都\", \"en\": \"Chengdu, Sichuan\", \"fr\": \"Chengdu, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2025, \"price_fen_per_t\": 8000, \"description\": {\"zh\": \"演示项目：工商业屋顶光伏发电。\", \"en\": \"Demo project: solar panels on commercial roofs.\", \"fr\": \"Projet de démonstration : panneaux solaires sur des toits commerciaux.\"}, \"picture\": \"\"}","id":"demo-rooftop-solar","price_fen_per_t":8000,"updated_at":"2026-01-01T08:00:00.000Z"}','4708bbc5080cff6320a217780045f41e85691e3e659cb5acefab4999df2a53a7','93b9b6930ff525be5be3c39f4858655b1862ad2409216391eae2385630186b56');
INSERT INTO "audit" VALUES(8,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','grant','system','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','93b9b6930ff525be5be3c39f4858655b1862ad2409216391eae2385630186b56','f10c9cb32e9e5025787e45c47569f507a3b5fc9c94139f76b1229d1f63424b85');
INSERT INTO "audit" VALUES(9,'2026-01-01T08:00:00.000Z','project','demo-wetland','load','system','{"catalogue_version":"demo-2026.11.1","data":"{\"id\": \"demo-wetland\", \"name\": {\"zh\": \"演示：都江堰湿地保护\", \"en\": \"Demo: Dujiangyan wetland restoration\", \"fr\": \"Démo : restauration des zones humides de Dujiangyan\"}, \"type\": \"wetland\", \"location\": {\"zh\": \"四川都江堰\", \"en\": \"Dujiangyan, Sichuan\", \"fr\": \"Dujiangyan, Sichuan\"}, \"standard\": \"碳惠天府 CDCER (demo)\", \"vintage\": 2024, \"price_fen_per_t\": 9000, \"description\": {\"zh\": \"演示项目：湿地修复与保护。\", \"en\": \"Demo project: restoring and protecting wetlands.\", \"fr\": \"Projet de démonstration : restauration et protection de zones humides.\"}, \"picture\": \"\"}","id":"demo-wetland","price_fen_per_t":9000,"updated_at":"2026-01-01T08:00:00.000Z"}','f10c9cb32e9e5025787e45c47569f507a3b5fc9c94139f76b1229d1f63424b85','0e784bb96148e896f41dd0019a6a4a32f034277b9006959d8e661cfe39c4aec7');
INSERT INTO "audit" VALUES(10,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','grant','system','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','0e784bb96148e896f41dd0019a6a4a32f034277b9006959d8e661cfe39c4aec7','cd784dbce01a4c9f88e829a48c0e47e38024a6afd49fe277d6d50464a43bd32f');
INSERT INTO "audit" VALUES(11,'2026-01-01T08:00:00.000Z','order','e96aabaf-fd5d-44be-aae4-a339ab6ee12a','create','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"QJ7SNZ","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"e96aabaf-fd5d-44be-aae4-a339ab6ee12a","kiosk_id":"KTTH5BWTKF","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','cd784dbce01a4c9f88e829a48c0e47e38024a6afd49fe277d6d50464a43bd32f','8d174aa7170d3daad8a781d0349b81ed7deb66d45b974e6a992eda9357ba2725');
INSERT INTO "audit" VALUES(12,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','8d174aa7170d3daad8a781d0349b81ed7deb66d45b974e6a992eda9357ba2725','80a76d7f3101f2297ac711c940c84dbdbab9f644f7ec003e5c52472f22b2a49e');
INSERT INTO "audit" VALUES(13,'2026-01-01T08:00:00.000Z','order','e96aabaf-fd5d-44be-aae4-a339ab6ee12a','place','kiosk','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"QJ7SNZ","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"e96aabaf-fd5d-44be-aae4-a339ab6ee12a","kiosk_id":"KTTH5BWTKF","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','80a76d7f3101f2297ac711c940c84dbdbab9f644f7ec003e5c52472f22b2a49e','4278a3fa6d8352020b273ccbf943767eaabc334b89711699ac32d8236288965b');
INSERT INTO "audit" VALUES(14,'2026-01-01T08:00:00.000Z','allocation','demo-wetland','draw','c1','{"granted_g":5000000,"project_id":"demo-wetland","reserved_g":0,"sold_g":364528,"updated_at":"2026-01-01T08:00:00.000Z"}','4278a3fa6d8352020b273ccbf943767eaabc334b89711699ac32d8236288965b','fb2beabe831d104961158cfa603f3720b5efc94b9064e697d46842f5434c8b8a');
INSERT INTO "audit" VALUES(15,'2026-01-01T08:00:00.000Z','order','e96aabaf-fd5d-44be-aae4-a339ab6ee12a','pay','c1','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"QJ7SNZ","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"e96aabaf-fd5d-44be-aae4-a339ab6ee12a","kiosk_id":"KTTH5BWTKF","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','fb2beabe831d104961158cfa603f3720b5efc94b9064e697d46842f5434c8b8a','03d9071cfe9961fe3e6944b30d8746b50920e6d93b2427c04ba089e92f0503bd');
INSERT INTO "audit" VALUES(16,'2026-01-01T08:00:00.000Z','order','a64b1e15-165d-4fa2-bba3-b16f22b2e537','create','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"9DG7VV","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":null,"factors_version":"2026.11.1","footprint_g":364528,"id":"a64b1e15-165d-4fa2-bba3-b16f22b2e537","kiosk_id":"KTTH5BWTKF","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"draft","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','03d9071cfe9961fe3e6944b30d8746b50920e6d93b2427c04ba089e92f0503bd','2cf15a5060303c9dbdc4b3a9cb00cce1843b9c3a616135d4849db8c22f50832e');
INSERT INTO "audit" VALUES(17,'2026-01-01T08:00:00.000Z','allocation','demo-rooftop-solar','reserve','kiosk','{"granted_g":5000000,"project_id":"demo-rooftop-solar","reserved_g":364528,"sold_g":0,"updated_at":"2026-01-01T08:00:00.000Z"}','2cf15a5060303c9dbdc4b3a9cb00cce1843b9c3a616135d4849db8c22f50832e','f4bf92f90875ce65171f7e402341d5b41748facd3b9ce7c2328f42de8f2a8ce1');
INSERT INTO "audit" VALUES(18,'2026-01-01T08:00:00.000Z','order','a64b1e15-165d-4fa2-bba3-b16f22b2e537','place','kiosk','{"amount_fen":2917,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":null,"code":"9DG7VV","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"a64b1e15-165d-4fa2-bba3-b16f22b2e537","kiosk_id":"KTTH5BWTKF","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":null,"payment_method":null,"price_fen_per_t":8000,"project_id":"demo-rooftop-solar","scenario":"trip","seq":2,"serial":null,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"awaiting_payment","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','f4bf92f90875ce65171f7e402341d5b41748facd3b9ce7c2328f42de8f2a8ce1','5a540f085c0558c0854aea102a7fbfa1d08b9a6b327923e9fecbd3ba598678e9');
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
INSERT INTO "meta" VALUES('kiosk_id','KTTH5BWTKF');
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
INSERT INTO "orders" VALUES('e96aabaf-fd5d-44be-aae4-a339ab6ee12a',1,'QJ7SNZ','KTTH5BWTKF','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-wetland',364528,9000,3281,'','zh','paid','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z','2026-01-01T08:00:00.000Z','cash','c1',1,NULL,NULL,NULL,NULL,'none',NULL,NULL);
INSERT INTO "orders" VALUES('a64b1e15-165d-4fa2-bba3-b16f22b2e537',2,'9DG7VV','KTTH5BWTKF','demo-expo','trip','{"cabin":"economy","destination":"chengdu","distance_km":null,"meal_type":"mixed","meals":0,"mode":"flight","nights":0,"origin":"beijing","round_trip":true}','[{"activity":"flight_domestic_economy","detail":{"from":"beijing","leg":"outbound","to":"chengdu"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"},{"activity":"flight_domestic_economy","detail":{"from":"chengdu","leg":"return","to":"beijing"},"factor_kg_per_unit":0.10916,"g":182264,"quantity":1669.7,"unit":"pkm"}]',364528,'2026.11.1','demo-rooftop-solar',364528,8000,2917,'','zh','awaiting_payment','2026-01-01T08:00:00.000Z','2026-01-01T08:00:00.000Z','2026-01-01T08:15:00.000Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,NULL);
CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL REFERENCES orders(id),
            event TEXT NOT NULL CHECK (event IN ('paid', 'voided')),
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            acked_at TEXT,
            UNIQUE (order_id, event)
        );
INSERT INTO "outbox" VALUES(1,'e96aabaf-fd5d-44be-aae4-a339ab6ee12a','paid','{"amount_fen":3281,"answers":"{\"cabin\":\"economy\",\"destination\":\"chengdu\",\"distance_km\":null,\"meal_type\":\"mixed\",\"meals\":0,\"mode\":\"flight\",\"nights\":0,\"origin\":\"beijing\",\"round_trip\":true}","cashier":"c1","code":"QJ7SNZ","created_at":"2026-01-01T08:00:00.000Z","expired_reason":null,"expires_at":"2026-01-01T08:15:00.000Z","factors_version":"2026.11.1","footprint_g":364528,"id":"e96aabaf-fd5d-44be-aae4-a339ab6ee12a","kiosk_id":"KTTH5BWTKF","lang":"zh","lines":"[{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"beijing\",\"leg\":\"outbound\",\"to\":\"chengdu\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"},{\"activity\":\"flight_domestic_economy\",\"detail\":{\"from\":\"chengdu\",\"leg\":\"return\",\"to\":\"beijing\"},\"factor_kg_per_unit\":0.10916,\"g\":182264,\"quantity\":1669.7,\"unit\":\"pkm\"}]","nickname":"","offset_g":364528,"paid_at":"2026-01-01T08:00:00.000Z","payment_method":"cash","price_fen_per_t":9000,"project_id":"demo-wetland","scenario":"trip","seq":1,"serial":1,"slip_error":null,"slip_printed_at":null,"slip_status":"none","status":"paid","updated_at":"2026-01-01T08:00:00.000Z","venue":"demo-expo","void_reason":null,"voided_at":null,"voided_by":null}','2026-01-01T08:00:00.000Z',NULL);
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
