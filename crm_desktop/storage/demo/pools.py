"""Word pools of the demo generator: names, cities, products, and text templates in two languages.

Pure data. Chinese entries carry their pinyin, which is what e-mail addresses and web domains are
made of. Templates use `str.format` fields: {order} {product} {days} {amount} {name} {hours}.
"""

from __future__ import annotations

# --- people -------------------------------------------------------------------------------------

# Most common first: the generator draws them with Zipf-like weights, so 王, 李 and 张 dominate.
CN_SURNAMES = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"),
    ("林", "lin"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
    ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"),
    ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"),
    ("潘", "pan"), ("于", "yu"), ("蒋", "jiang"), ("蔡", "cai"), ("余", "yu"), ("杜", "du"),
    ("叶", "ye"), ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("吕", "lv"), ("丁", "ding"),
    ("任", "ren"), ("沈", "shen"), ("姚", "yao"), ("卢", "lu"), ("姜", "jiang"), ("崔", "cui"),
    ("钟", "zhong"), ("谭", "tan"), ("陆", "lu"), ("汪", "wang"), ("范", "fan"), ("金", "jin"),
    ("石", "shi"), ("廖", "liao"), ("贾", "jia"), ("夏", "xia"), ("韦", "wei"), ("方", "fang"),
    ("白", "bai"), ("邹", "zou"), ("孟", "meng"), ("熊", "xiong"), ("秦", "qin"), ("邱", "qiu"),
    ("江", "jiang"), ("尹", "yin"), ("薛", "xue"), ("段", "duan"), ("雷", "lei"), ("侯", "hou"),
    ("龙", "long"), ("史", "shi"), ("陶", "tao"), ("黎", "li"), ("贺", "he"), ("顾", "gu"),
    ("毛", "mao"), ("郝", "hao"), ("龚", "gong"), ("邵", "shao"), ("万", "wan"), ("钱", "qian"),
    ("严", "yan"), ("武", "wu"), ("戴", "dai"), ("莫", "mo"), ("孔", "kong"), ("汤", "tang"),
    ("欧阳", "ouyang"), ("司马", "sima"), ("上官", "shangguan"), ("诸葛", "zhuge"),
)
CN_GIVEN_ONE = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("霞", "xia"),
    ("平", "ping"), ("刚", "gang"), ("辉", "hui"), ("鹏", "peng"), ("华", "hua"), ("飞", "fei"),
    ("鑫", "xin"), ("波", "bo"), ("斌", "bin"), ("宇", "yu"), ("浩", "hao"), ("凯", "kai"),
    ("健", "jian"), ("俊", "jun"), ("帆", "fan"), ("旭", "xu"), ("宁", "ning"), ("欢", "huan"),
    ("佳", "jia"), ("倩", "qian"), ("婷", "ting"), ("雪", "xue"), ("琳", "lin"), ("颖", "ying"),
    ("蕾", "lei"), ("燕", "yan"), ("玲", "ling"), ("红", "hong"), ("梅", "mei"), ("萍", "ping"),
)
CN_GIVEN_TWO = (
    ("秀英", "xiuying"), ("桂英", "guiying"), ("建华", "jianhua"), ("建国", "jianguo"),
    ("志强", "zhiqiang"), ("晓明", "xiaoming"), ("婷婷", "tingting"), ("欣怡", "xinyi"),
    ("子涵", "zihan"), ("浩然", "haoran"), ("宇轩", "yuxuan"), ("梓萱", "zixuan"),
    ("诗涵", "shihan"), ("一诺", "yinuo"), ("俊杰", "junjie"), ("文博", "wenbo"),
    ("海燕", "haiyan"), ("丽娟", "lijuan"), ("志明", "zhiming"), ("晓东", "xiaodong"),
    ("春梅", "chunmei"), ("国强", "guoqiang"), ("玉兰", "yulan"), ("雅琪", "yaqi"),
    ("思远", "siyuan"), ("佳怡", "jiayi"), ("明轩", "mingxuan"), ("嘉欣", "jiaxin"),
    ("天佑", "tianyou"), ("雨桐", "yutong"), ("晓燕", "xiaoyan"), ("立新", "lixin"),
    ("红梅", "hongmei"), ("子豪", "zihao"), ("梦琪", "mengqi"), ("文静", "wenjing"),
)
EN_FIRST = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
    "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Daniel", "Emily", "Matthew", "Olivia", "Anthony", "Emma", "Mark",
    "Sophia", "Andrew", "Grace", "Steven", "Chloe", "Paul", "Amelia", "Kevin", "Hannah", "Brian",
    "Laura", "George", "Rachel", "Oliver", "Lucy", "Henry", "Isabella", "Jack", "Charlotte",
    "Samuel", "Megan", "Ryan", "Natalie",
)
EN_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen",
    "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
    "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins",
    "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Bennett", "Hughes", "Price",
    "Wood", "Patel",
)
CN_MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "aliyun.com")
EN_MAIL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com",
                   "proton.me")

# (city, region, country, postal code, phone country code, phone prefixes after the code).
# Phones are prefix + 7 (Chinese mobiles 8) random digits, in ranges phonenumbers lists
# (demo_phones).
CN_CITIES = (
    ("北京", "北京市", "CN", "100000"), ("上海", "上海市", "CN", "200000"),
    ("深圳", "广东省", "CN", "518000"), ("广州", "广东省", "CN", "510000"),
    ("杭州", "浙江省", "CN", "310000"), ("成都", "四川省", "CN", "610000"),
    ("南京", "江苏省", "CN", "210000"), ("武汉", "湖北省", "CN", "430000"),
    ("西安", "陕西省", "CN", "710000"), ("苏州", "江苏省", "CN", "215000"),
    ("重庆", "重庆市", "CN", "400000"), ("天津", "天津市", "CN", "300000"),
)
CN_CITY_WEIGHTS = (14, 14, 11, 10, 9, 7, 7, 6, 5, 6, 6, 5)
CN_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187",
    "188", "189",
)
EN_CITIES = (
    ("New York", "NY", "US", "10001", "1", ("212", "646", "917")),
    ("San Francisco", "CA", "US", "94103", "1", ("415", "628")),
    ("Los Angeles", "CA", "US", "90012", "1", ("213", "310")),
    ("Chicago", "IL", "US", "60601", "1", ("312", "773")),
    ("Seattle", "WA", "US", "98101", "1", ("206",)),
    ("Boston", "MA", "US", "02108", "1", ("617",)),
    ("London", "England", "GB", "EC1A 1BB", "44", ("207", "203")),
    ("Toronto", "ON", "CA", "M5H 2N2", "1", ("416", "647")),
    ("Sydney", "NSW", "AU", "2000", "61", ("29", "28")),
    ("Singapore", None, "SG", "018956", "65", ("6", "8", "9")),
)
EN_CITY_WEIGHTS = (18, 14, 10, 9, 7, 7, 14, 8, 7, 6)
CN_ROADS = ("中山路", "人民路", "解放路", "建设路", "南京路", "长安街", "科技园路", "滨江大道")
EN_STREETS = ("Main St", "Market St", "Oak Ave", "Park Ave", "High St", "King St", "Mission St",
              "Broadway", "Elm St", "Queen St")

# --- companies ----------------------------------------------------------------------------------

CN_COMPANY_WORDS = (
    ("星辰", "xingchen"), ("华信", "huaxin"), ("创新", "chuangxin"), ("远航", "yuanhang"),
    ("宏达", "hongda"), ("天成", "tiancheng"), ("鼎盛", "dingsheng"), ("金桥", "jinqiao"),
    ("瑞丰", "ruifeng"), ("博远", "boyuan"), ("恒通", "hengtong"), ("锦程", "jincheng"),
    ("嘉禾", "jiahe"), ("新源", "xinyuan"), ("卓越", "zhuoyue"), ("东方", "dongfang"),
    ("明德", "mingde"), ("长青", "changqing"), ("海纳", "haina"), ("云帆", "yunfan"),
)
EN_COMPANY_WORDS = (
    "Bluewave", "Summit", "Northwind", "Evergreen", "Pioneer", "Silverline", "Redwood",
    "Horizon", "Atlas", "Beacon", "Crescent", "Keystone", "Lakeside", "Meridian", "Orchid",
    "Riverstone", "Granite", "Harbor", "Maple", "Sterling",
)
# (English industry, Chinese industry word, short English word for names and domains)
INDUSTRIES = (
    ("Technology", "科技", "Tech"), ("Trading", "贸易", "Trading"),
    ("Logistics", "物流", "Logistics"), ("Manufacturing", "制造", "Manufacturing"),
    ("Electronics", "电子", "Electronics"), ("Hospitality", "餐饮", "Foods"),
    ("Healthcare", "医疗", "Health"), ("Education", "教育", "Learning"),
)
EN_COMPANY_SUFFIXES = ("Inc", "Ltd", "LLC", "Group", "Co")
COMPANY_ROLES = (
    # (English role, Chinese role, English department, Chinese department)
    ("Purchasing manager", "采购经理", "Purchasing", "采购部"),
    ("IT manager", "IT经理", "IT", "信息部"),
    ("Office manager", "行政经理", "Administration", "行政部"),
    ("Finance director", "财务总监", "Finance", "财务部"),
    ("Engineer", "工程师", "Engineering", "技术部"),
    ("Sales representative", "销售代表", "Sales", "销售部"),
    ("Assistant", "助理", "Administration", "行政部"),
)
# The first employee of each company gets this role and the others report to them.
HEAD_ROLE = ("General manager", "总经理", "Management", "总经办")

# --- the business -------------------------------------------------------------------------------

OWNERS = ("Alice Chen", "Brian Miller", "Carol Wang", "David Kim", "王磊", "刘洋")
# Chinese customers are mostly served by the Chinese-speaking reps (last three), others by the rest.
CN_OWNER_WEIGHTS = (1, 0, 3, 0, 3, 3)
EN_OWNER_WEIGHTS = (4, 4, 1, 3, 0, 0)
LEAD_SOURCES = ("website", "referral", "trade show", "advertising", "social media", "cold call",
                "campaign", "partner")
LEAD_SOURCE_WEIGHTS = (28, 15, 12, 12, 13, 8, 7, 5)
REFERRAL_SOURCE = LEAD_SOURCES.index("referral")

# (sku, name, Chinese name, category, unit price in cents, tax in hundredths of a percent)
PRODUCTS = (
    ("HW-001", "Laptop Pro 14", "笔记本电脑", "Hardware", 129_900, 800),
    ("HW-002", "Desktop Workstation", "台式工作站", "Hardware", 189_900, 800),
    ("HW-003", "27-inch Monitor", "27寸显示器", "Hardware", 32_900, 800),
    ("HW-004", "Office Printer", "办公打印机", "Hardware", 44_900, 800),
    ("HW-005", "Network Router", "路由器", "Hardware", 18_900, 800),
    ("HW-006", "Tablet 11", "平板电脑", "Hardware", 59_900, 800),
    ("HW-007", "Server Rack Unit", "机架服务器", "Hardware", 480_000, 800),
    ("SW-001", "CRM Cloud Seat (annual)", "CRM云服务账号", "Software", 36_000, 0),
    ("SW-002", "Office Suite License", "办公软件授权", "Software", 14_900, 0),
    ("SW-003", "Antivirus Business", "企业杀毒软件", "Software", 5_900, 0),
    ("SW-004", "Design Studio", "设计软件", "Software", 59_900, 0),
    ("SW-005", "Accounting Pro", "财务软件", "Software", 29_900, 0),
    ("SW-006", "Backup Service (annual)", "备份服务", "Software", 12_000, 0),
    ("SW-007", "ERP Module", "ERP模块", "Software", 240_000, 0),
    ("SV-001", "On-site Installation", "上门安装", "Services", 45_000, 0),
    ("SV-002", "Consulting Day", "咨询服务", "Services", 120_000, 0),
    ("SV-003", "Data Migration", "数据迁移", "Services", 250_000, 0),
    ("SV-004", "Premium Support (annual)", "高级支持服务", "Services", 180_000, 0),
    ("SV-005", "Custom Integration", "定制集成", "Services", 650_000, 0),
    ("SV-006", "Network Audit", "网络检测", "Services", 90_000, 0),
    ("TR-001", "Onboarding Workshop", "入门培训", "Training", 35_000, 0),
    ("TR-002", "Admin Certification", "管理员认证", "Training", 80_000, 0),
    ("TR-003", "Sales Training Day", "销售培训", "Training", 150_000, 0),
    ("TR-004", "Online Course Bundle", "在线课程", "Training", 9_900, 0),
    ("TR-005", "Team Coaching", "团队辅导", "Training", 220_000, 0),
    ("TR-006", "Security Awareness", "安全意识培训", "Training", 18_000, 0),
    ("AC-001", "Wireless Mouse", "无线鼠标", "Accessories", 2_500, 800),
    ("AC-002", "Mechanical Keyboard", "机械键盘", "Accessories", 4_500, 800),
    ("AC-003", "USB-C Hub", "扩展坞", "Accessories", 3_900, 800),
    ("AC-004", "Headset", "耳机", "Accessories", 7_900, 800),
    ("AC-005", "HD Webcam", "高清摄像头", "Accessories", 6_900, 800),
    ("AC-006", "Laptop Bag", "电脑包", "Accessories", 4_900, 800),
    ("AC-007", "Docking Station", "拓展底座", "Accessories", 18_900, 800),
    ("OS-001", "Printer Paper (box)", "打印纸", "Office supplies", 3_200, 800),
    ("OS-002", "Toner Cartridge", "硒鼓", "Office supplies", 8_900, 800),
    ("OS-003", "Notebook Pack", "笔记本", "Office supplies", 1_200, 800),
    ("OS-004", "Pens (box)", "签字笔", "Office supplies", 900, 800),
    ("OS-005", "Desk Organizer", "桌面收纳", "Office supplies", 2_400, 800),
    ("OS-006", "Sticky Notes", "便利贴", "Office supplies", 600, 800),
    ("OS-007", "Whiteboard", "白板", "Office supplies", 11_900, 800),
)
PRODUCT_CATEGORIES = ("Hardware", "Software", "Services", "Training", "Accessories",
                      "Office supplies")
# Bought together (what association rules should find): product sku -> its companion's sku.
BUNDLES = {
    "HW-001": "AC-006", "HW-002": "HW-003", "HW-004": "OS-002", "OS-002": "OS-001",
    "HW-006": "AC-003", "SW-007": "SV-003", "SV-002": "SV-003", "SV-001": "TR-001",
    "AC-001": "AC-002", "HW-007": "SV-001", "SW-001": "TR-001", "AC-004": "AC-005",
}

# --- behaviour groups ---------------------------------------------------------------------------

# The hidden behaviour of each customer; `category` shows it for ~70% of them.
GROUPS = ("champion", "big_ticket", "bargain", "one_time", "at_risk", "lead", "prospect")
GROUP_CATEGORIES = ("VIP", "Big ticket", "Bargain hunter", "One-time buyer", "At risk")
GROUP_TAGS = (
    ("vip", "key-account", "newsletter"), ("project", "b2b", "key-account"),
    ("price-sensitive", "coupon", "newsletter"), ("newsletter", "wechat"),
    ("complaint", "newsletter"), ("newsletter", "trade-show"), ("demo-requested", "trade-show"),
)
NEEDS = (
    (("Wants priority support and volume pricing for recurring orders",
      "Needs fast delivery and a dedicated account manager",
      "Interested in annual subscriptions for the whole team"),
     ("希望获得优先支持和长期订货的批量价格", "需要快速发货和专属客户经理", "希望为整个团队购买年度订阅")),
    (("Planning a large equipment upgrade next quarter; needs installation and training",
      "Evaluating a full ERP rollout with data migration",
      "Needs a custom integration with the existing warehouse system"),
     ("计划下季度进行大型设备升级，需要安装和培训服务", "正在评估完整的ERP上线和数据迁移",
      "需要与现有仓储系统做定制集成")),
    (("Very price sensitive; asks for discounts and coupons",
      "Buys office supplies in bulk when there is a promotion",
      "Compares prices with online shops before ordering"),
     ("对价格敏感，经常询问折扣和优惠券", "有促销活动时批量购买办公用品", "下单前会和网店比价")),
    (("Bought once for a specific project", "Needed a single laptop for a new hire",
      "Looking for a one-off replacement"),
     ("为特定项目一次性采购", "为新员工购买一台电脑", "只需要一次性更换设备")),
    (("Unhappy with delivery times; evaluating other suppliers",
      "Had repeated quality problems with the last orders",
      "Asked to cancel the support contract"),
     ("对物流速度不满意，正在考虑其他供应商", "最近几次订单反复出现质量问题", "要求取消支持合同")),
    (("Interested in a product demo", "Asked for a price list", "Downloaded the product brochure"),
     ("想了解产品演示", "索要价格表", "下载了产品手册")),
    (("Requested a quote for new office equipment", "Comparing our offer with two competitors",
      "Needs approval from the finance team"),
     ("申请新办公设备的报价", "正在和两家竞争对手比较报价", "需要财务部门审批")),
)
NOTES = (
    ("Prefers contact by email", "Call after 2 pm", "Met at the trade show",
     "Decision maker is the finance director", "Pays invoices on time"),
    ("偏好微信联系", "下午两点后再打电话", "在展会上认识", "决策人是财务总监", "付款及时"),
)

# --- sales --------------------------------------------------------------------------------------

WON_REASONS = (("Best price and support", "Existing relationship", "Product fit"),
               ("价格和服务最优", "老客户关系", "产品满足需求"))
LOST_REASONS = (("Price too high", "Chose a competitor", "No budget this year",
                 "Project postponed", "No response from customer"),
                ("价格太高", "选择了竞争对手", "今年没有预算", "项目推迟", "客户没有回应"))
# Seasonal campaign names by month of the start (January first), and names for any month.
SEASONAL_CAMPAIGNS = (
    "Chinese New Year 春节特惠", "Chinese New Year 春节特惠", "Spring Sale", "Spring Sale",
    "618 年中大促", "618 年中大促", "Summer Clearance", "Back to School", "Back to School",
    "Autumn Trade Show", "Double 11 双十一大促", "Black Friday",
)
CAMPAIGN_NAMES = ("VIP Appreciation Event", "Win-back Offer", "New Product Launch",
                  "Productivity Webinar", "Trade Show Follow-up", "Customer Referral Drive")
CAMPAIGN_RESPONSES = ("opened", "clicked link", "replied", "registered", "visited store")
CONTRACT_TITLES = ("Annual support agreement", "Software subscription", "Maintenance contract",
                   "Framework purchase agreement")

# --- service ------------------------------------------------------------------------------------

# theme -> (ticket category, ticket types, English subjects, English bodies, Chinese subjects,
# Chinese bodies). Each theme has its own vocabulary, so text clustering can find it again.
TICKET_THEMES = (
    ("Refund", ("refund",),
     ("Refund request for order {order}", "Requesting a refund for {product}",
      "Still waiting for my refund", "Refund not received after {days} days"),
     ("Hello, I would like a refund for order {order}. The {product} did not meet our needs and "
      "we returned it {days} days ago.",
      "I requested a refund {days} days ago and have not received it yet. Please process the "
      "refund of ${amount} as soon as possible.",
      "Please cancel order {order} and refund the payment. We were charged twice for the "
      "{product}."),
     ("订单{order}申请退款", "{product}退款申请", "退款还没有到账", "退款{days}天仍未收到"),
     ("你好，我想申请订单{order}的退款，{product}不符合我们的需求，{days}天前已经寄回。",
      "{days}天前申请了退款，到现在还没有到账，请尽快处理{amount}美元的退款。",
      "订单{order}被重复扣款了，请取消订单并退款。")),
    ("Delivery", ("complaint",),
     ("Order {order} has not arrived", "Delivery delayed for {product}",
      "Where is my package?", "Shipment late by {days} days"),
     ("Our order {order} was supposed to arrive {days} days ago but the tracking has not "
      "updated.",
      "The delivery of {product} is delayed again. We need it for a project next week, please "
      "expedite the shipment.",
      "The courier says the package is lost. Order {order}, please resend or refund."),
     ("订单{order}还没有收到", "{product}物流延迟", "快递一直没有更新", "发货延迟{days}天"),
     ("订单{order}原定{days}天前送达，但物流信息一直没有更新。",
      "{product}的物流又延迟了，我们下周项目要用，请加急发货。",
      "快递员说包裹丢失了，订单{order}，请重新发货或者退款。")),
    ("Account", ("consultation",),
     ("Cannot log in to my account", "Password reset email not received",
      "Account locked after update", "Two-factor code not working"),
     ("I cannot log in since yesterday. The password reset email never arrives.",
      "My account was locked after too many login attempts. Please unlock it for {name}.",
      "The verification code is not accepted when I try to sign in on the new laptop."),
     ("账号无法登录", "收不到重置密码的邮件", "账号登录后被锁定", "登录验证码无法使用"),
     ("从昨天开始账号登录不上，重置密码的邮件也一直收不到。",
      "多次输入密码后账号被锁定了，请帮{name}解锁账号。",
      "在新电脑上登录账号时验证码一直提示错误。")),
    ("Quality", ("complaint", "exchange"),
     ("{product} stopped working", "Defective {product} received",
      "Poor quality of {product}", "Request exchange for damaged {product}"),
     ("The {product} we bought in order {order} stopped working after {days} days.",
      "The {product} arrived damaged and the casing is cracked. We would like an exchange.",
      "The quality of the latest batch of {product} is much worse than before."),
     ("{product}无法正常使用", "收到的{product}有质量问题", "{product}质量太差",
      "{product}损坏申请换货"),
     ("订单{order}购买的{product}用了{days}天就坏了，质量问题太严重。",
      "收到的{product}外包装破损，外壳有裂痕，希望换货。",
      "最近这批{product}的质量问题比以前多很多。")),
    ("Invoice", ("consultation",),
     ("Invoice for order {order}", "Wrong company name on invoice", "Need a VAT invoice",
      "Invoice amount incorrect"),
     ("Could you send the invoice for order {order}? Our accounting team needs it by Friday.",
      "The invoice shows the wrong company name and tax number. Please reissue the invoice.",
      "The invoice amount ${amount} does not match the order total."),
     ("订单{order}的发票", "发票抬头错误", "需要开具增值税专用发票", "发票金额不对"),
     ("请开具订单{order}的发票，财务周五前需要。", "发票上的公司名称和税号写错了，请重新开具发票。",
      "发票金额{amount}美元和订单金额不一致。")),
)
REPLIES = (
    ("Hi {name}, thank you for contacting us. We are looking into this and will update you "
     "within {hours} hours.",
     "Sorry for the inconvenience, {name}. We have escalated your case to the responsible team.",
     "We have processed your request; you should see the update within 3-5 business days."),
    ("{name}您好，感谢联系我们，我们正在处理，会在{hours}小时内回复您。",
     "{name}您好，非常抱歉给您带来不便，已经转交相关部门跟进。",
     "您的申请已处理，3-5个工作日内生效。"),
)
FOLLOW_UPS = (
    ("Thanks, that solved it.", "Any update? It has been {days} days.",
     "This is not acceptable, I want to speak to a manager."),
    ("谢谢，问题已解决。", "请问有进展吗？已经{days}天了。", "这样处理我无法接受，请让主管联系我。"),
)
GOOD_FEEDBACK = (("Quick and helpful", "Friendly support team", "Solved on the first call"),
                 ("问题解决得很快", "客服态度很好", "一次就解决了"))
BAD_FEEDBACK = (("Took too long and nobody called back", "Had to explain the problem three times",
                 "Still not fixed"),
                ("处理太慢，没人回电话", "同一个问题解释了三遍", "问题还是没有解决"))
NPS_GOOD = (("Great service, will recommend", "Reliable supplier", "Good value for money"),
            ("服务很好，会推荐给朋友", "供应商很可靠", "性价比高"))
NPS_BAD = (("Too many delivery problems", "Support is slow", "Prices went up"),
           ("物流问题太多，考虑换供应商", "售后响应太慢", "价格涨了"))

# --- interactions -------------------------------------------------------------------------------

# kind -> (English subjects, Chinese subjects)
INTERACTION_SUBJECTS = {
    "call": (("Follow-up call about {product}", "Quarterly check-in call", "Called about renewal"),
             ("电话回访：{product}", "季度电话回访", "续约电话沟通")),
    "meeting": (("Product demo meeting", "Contract review meeting", "Kick-off meeting"),
                ("产品演示会议", "合同评审会议", "项目启动会")),
    "email": (("Sent price list", "Sent proposal for {product}", "Sent newsletter"),
              ("发送报价单", "发送{product}方案", "发送电子刊物")),
    "visit": (("On-site visit", "Visited the office", "Store visit"),
              ("上门拜访", "到公司拜访", "到店拜访")),
    "note": (("Prefers contact by email", "Budget approved for next quarter",
              "Moving to a new office"),
             ("客户偏好微信联系", "下季度预算已批准", "公司准备搬迁")),
    "task": (("Send quote for {product}", "Call back about renewal", "Prepare demo"),
             ("发送{product}报价", "续约回电", "准备产品演示")),
}
OUTCOMES = (("Interested", "Needs more time", "Asked for a discount", "Not interested"),
            ("有兴趣", "需要考虑", "要求折扣", "暂无需求"))
