package com.catwing.cw.generate;

/** Static reference data of the simulated world: countries, cities, the category tree, name parts. */
final class Catalog {
    private Catalog() {
    }

    /** A country the retailer or a supplier is in; {@code fx} is units of its currency per EUR. */
    record Country(String code, String name, String currency, double fx, String zone, String locale,
                   String[] cities, double[][] coords, String postcodeFormat) {
    }

    /** The retailer operates in these (in this order: the first holds the warehouse and the webshop). */
    static final Country[] RETAIL = {
        new Country("DE", "Germany", "EUR", 1.0, "Europe/Berlin", "de",
                new String[] {"Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf",
                    "Leipzig", "Dortmund", "Essen", "Bremen", "Dresden", "Hannover", "Nürnberg"},
                new double[][] {{52.52, 13.405}, {53.551, 9.994}, {48.137, 11.575}, {50.938, 6.96}, {50.11, 8.682},
                    {48.776, 9.183}, {51.228, 6.773}, {51.34, 12.375}, {51.514, 7.468}, {51.456, 7.012},
                    {53.079, 8.802}, {51.05, 13.738}, {52.376, 9.732}, {49.452, 11.077}}, "#####"),
        new Country("PL", "Poland", "PLN", 4.30, "Europe/Warsaw", "pl",
                new String[] {"Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk", "Szczecin", "Lublin",
                    "Katowice", "Białystok"},
                new double[][] {{52.23, 21.012}, {50.065, 19.945}, {51.759, 19.456}, {51.108, 17.039}, {52.406, 16.925},
                    {54.352, 18.646}, {53.428, 14.553}, {51.246, 22.568}, {50.264, 19.024}, {53.133, 23.169}}, "##-###"),
        new Country("CZ", "Czechia", "CZK", 25.0, "Europe/Prague", "cs",
                new String[] {"Praha", "Brno", "Ostrava", "Plzeň", "Liberec", "Olomouc", "České Budějovice"},
                new double[][] {{50.076, 14.438}, {49.195, 16.607}, {49.82, 18.262}, {49.738, 13.373}, {50.767, 15.056},
                    {49.594, 17.251}, {48.975, 14.48}}, "### ##"),
        new Country("SE", "Sweden", "SEK", 11.5, "Europe/Stockholm", "sv",
                new String[] {"Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping"},
                new double[][] {{59.329, 18.069}, {57.709, 11.975}, {55.605, 13.004}, {59.859, 17.639}, {59.61, 16.545},
                    {59.275, 15.213}, {58.411, 15.622}}, "### ##"),
    };

    /** Supplier countries beyond the retail ones. */
    static final Country[] SOURCING = {
        new Country("CN", "China", "USD", 1.08, "Asia/Shanghai", "en",
                new String[] {"Shenzhen", "Ningbo", "Shanghai", "Guangzhou"}, new double[][] {{22.543, 114.058},
                    {29.868, 121.544}, {31.23, 121.474}, {23.129, 113.264}}, "######"),
        new Country("IT", "Italy", "EUR", 1.0, "Europe/Rome", "it",
                new String[] {"Milano", "Bologna", "Torino"}, new double[][] {{45.464, 9.19}, {44.494, 11.343},
                    {45.07, 7.687}}, "#####"),
        new Country("GB", "United Kingdom", "GBP", 0.85, "Europe/London", "en",
                new String[] {"Manchester", "Birmingham", "Leeds"}, new double[][] {{53.481, -2.242}, {52.486, -1.89},
                    {53.8, -1.549}}, "??# #??"),
    };

    /**
     * The three-level category tree. Per top level: seasonal amplitude, seasonal peak (day of year), weekend uplift,
     * typical unit cost in EUR; then "level2:level3=noun,noun,noun;level3=..." groups separated by '|'.
     */
    static final String[][] CATEGORIES = {
        {"Home & Kitchen", "0.20", "335", "0.35", "9",
            "Cookware:Pots & Pans=Saucepan,Frying Pan,Stock Pot;Baking=Baking Tray,Cake Tin,Muffin Pan;"
                + "Kitchen Knives=Chef Knife,Bread Knife,Knife Block"
                + "|Tableware:Plates & Bowls=Dinner Plate,Cereal Bowl,Serving Platter;Glassware=Tumbler,Wine Glass,Carafe;"
                + "Cutlery=Cutlery Set,Teaspoon Set,Steak Knife Set"
                + "|Storage:Food Storage=Lunch Box,Storage Jar,Vacuum Container;Boxes & Baskets=Storage Box,Wicker Basket,"
                + "Drawer Organiser;Shelving=Wall Shelf,Shelf Unit,Spice Rack"},
        {"Garden & Outdoor", "0.85", "140", "0.60", "14",
            "Planting:Seeds & Bulbs=Seed Mix,Tulip Bulbs,Herb Seeds;Pots & Planters=Terracotta Pot,Raised Bed,Hanging Basket;"
                + "Soil & Fertiliser=Potting Soil,Lawn Fertiliser,Compost"
                + "|Garden Tools:Hand Tools=Trowel,Pruning Shears,Hand Fork;Watering=Garden Hose,Watering Can,Sprinkler;"
                + "Lawn Care=Lawn Rake,Edging Shears,Leaf Blower"
                + "|Outdoor Living:Garden Furniture=Folding Chair,Garden Table,Sun Lounger;Barbecue=Charcoal Grill,Grill Tongs,"
                + "Charcoal;Lighting=Solar Lantern,String Lights,Torch Light"},
        {"DIY & Tools", "0.15", "100", "0.55", "16",
            "Power Tools:Drills=Cordless Drill,Hammer Drill,Drill Bit Set;Saws=Jigsaw,Circular Saw,Saw Blade;"
                + "Sanders=Orbital Sander,Sanding Sheets,Detail Sander"
                + "|Hand Tools:Screwdrivers=Screwdriver Set,Precision Screwdriver,Bit Holder;Measuring=Tape Measure,"
                + "Spirit Level,Laser Level;Pliers & Wrenches=Combination Pliers,Adjustable Wrench,Socket Set"
                + "|Hardware:Fixings=Wall Plugs,Wood Screws,Picture Hooks;Adhesives=Wood Glue,Super Glue,Silicone Sealant;"
                + "Paint=Wall Paint,Paint Roller,Masking Tape"},
        {"Sports & Leisure", "0.35", "170", "0.50", "12",
            "Fitness:Weights=Dumbbell,Kettlebell,Weight Plate;Yoga=Yoga Mat,Yoga Block,Resistance Band;"
                + "Cardio=Skipping Rope,Step Board,Exercise Bike"
                + "|Outdoor Sports:Cycling=Bike Light,Bike Lock,Cycling Gloves;Camping=Tent,Sleeping Bag,Camping Stove;"
                + "Hiking=Backpack,Water Bottle,Trekking Poles"
                + "|Ball Sports:Football=Football,Shin Guards,Goal Net;Racket Sports=Tennis Racket,Badminton Set,"
                + "Tennis Balls;Team Sports=Basketball,Volleyball,Ball Pump"},
        {"Toys & Games", "0.90", "350", "0.70", "10",
            "Games:Board Games=Strategy Game,Family Game,Card Game;Puzzles=Jigsaw Puzzle,3D Puzzle,Puzzle Mat;"
                + "Party Games=Quiz Game,Dice Game,Party Pack"
                + "|Construction:Building Blocks=Brick Set,Starter Set,Gear Set;Models=Model Car,Model Plane,Model Kit;"
                + "Marble Runs=Marble Run,Marble Set,Track Extension"
                + "|Outdoor Play:Water Toys=Water Pistol,Paddling Pool,Pool Float;Ride-ons=Scooter,Balance Bike,Wagon;"
                + "Garden Games=Swing Seat,Skittles Set,Frisbee"},
        {"Personal Care", "0.10", "190", "0.25", "4",
            "Hair Care:Shampoo=Shampoo,Dry Shampoo,Anti-Dandruff Shampoo;Styling=Hair Gel,Hair Spray,Styling Cream;"
                + "Hair Tools=Hair Dryer,Straightener,Hair Brush"
                + "|Body Care:Shower=Shower Gel,Body Scrub,Bath Foam;Skin Care=Hand Cream,Body Lotion,Lip Balm;"
                + "Sun Care=Sun Cream,After Sun,Sun Spray"
                + "|Oral Care:Toothpaste=Whitening Toothpaste,Kids Toothpaste,Sensitive Toothpaste;Toothbrushes="
                + "Electric Toothbrush,Manual Toothbrush,Brush Heads;Dental Floss=Dental Floss,Floss Picks,Mouthwash"},
        {"Pet Supplies", "0.05", "300", "0.30", "6",
            "Dog:Dog Food=Dry Dog Food,Wet Dog Food,Dog Treats;Dog Toys=Chew Toy,Rope Toy,Squeaky Ball;"
                + "Dog Walking=Dog Lead,Dog Collar,Harness"
                + "|Cat:Cat Food=Dry Cat Food,Wet Cat Food,Cat Treats;Cat Litter=Clumping Litter,Litter Tray,Litter Scoop;"
                + "Cat Furniture=Scratching Post,Cat Bed,Cat Tree"
                + "|Small Animals:Bedding=Hay,Wood Shavings,Nesting Material;Cages=Rabbit Hutch,Hamster Cage,Bird Cage;"
                + "Feeding=Water Bottle,Food Bowl,Seed Mix"},
        {"Electronics Accessories", "0.30", "345", "0.40", "11",
            "Phone Accessories:Chargers=USB-C Charger,Wireless Charger,Car Charger;Cables=USB-C Cable,Lightning Cable,"
                + "HDMI Cable;Cases=Phone Case,Screen Protector,Tablet Sleeve"
                + "|Audio:Headphones=Over-Ear Headphones,Earbuds,Kids Headphones;Speakers=Bluetooth Speaker,"
                + "Soundbar,Smart Speaker;Audio Cables=Aux Cable,Audio Adapter,Headphone Splitter"
                + "|Power:Batteries=AA Batteries,AAA Batteries,Button Cells;Power Banks=Power Bank,Solar Power Bank,"
                + "Slim Power Bank;Extension Leads=Extension Lead,Surge Protector,Smart Plug"},
    };

    static final String[] ADJECTIVES = {"Classic", "Premium", "Eco", "Compact", "Pro", "Deluxe", "Essential", "Smart",
        "Nordic", "Urban", "Vintage", "Soft", "Ultra", "Mini", "Max", "Basic", "Comfort", "Active", "Family", "Travel"};
    static final String[] VARIANTS = {"Black", "White", "Grey", "Blue", "Green", "Red", "Small", "Medium", "Large",
        "XL", "Set of 2", "Set of 4", "Set of 6", "250 ml", "500 ml", "1 l", "2 kg", "5 kg", "10 m", "25 m"};
    static final String[] SYLLABLES = {"nor", "vel", "ka", "lo", "stra", "mi", "ron", "tex", "ber", "qui", "sa", "ven",
        "dal", "fin", "gro", "hal", "jor", "lum", "mar", "ost", "pex", "rig", "sol", "tor", "ul", "vik", "wen", "zar"};
    static final String[] COMPANY_SUFFIX = {"GmbH", "Sp. z o.o.", "s.r.o.", "AB", "Co., Ltd.", "S.r.l.", "Ltd"};
    static final String[] STORE_PAYMENTS = {"card", "card", "card", "contactless", "contactless", "cash", "cash",
        "mobile_wallet", "gift_card"};
    static final String[] ONLINE_PAYMENTS = {"card", "card", "paypal", "paypal", "klarna", "bank_transfer", "apple_pay",
        "google_pay", "gift_card"};
}
