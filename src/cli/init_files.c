#include "cli/init_files.h"

#include <stdlib.h>
#include <string.h>

#include "cli/table_guide.h"
#include "load/schema.h"
#include "util/xalloc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The texts are arrays of lines so that no literal outgrows what every C
 * compiler accepts, and so that one text can be written with either line
 * ending. */

/* Every setting src/load/config.c reads, each with its default or, where
 * no value is neutral, commented out with a sample.  tests/sh/init.sh
 * checks this against config.c's table. */
static const char *const site_yaml[] = {
	"# 网站设置（site.yaml）",
	"#",
	"# 写法：每行“设置名: 值”。冒号用英文半角“:”，冒号后面空一格。",
	"# 下一级设置比上一级多缩进两个空格（只用空格，不要用 Tab 键）。",
	"# “#”后面是说明文字，gongshi 不读。行首是“# ”的设置暂不生效：",
	"# 要启用时，删去“# ”这两个字符，缩进保持不变。",
	"# 值为空时写两个英文双引号 \"\"；值中有“#”或“: ”时，整个值用英文双引号括起来。",
	"# 改完后运行 gongshi check 检查，写错的地方会指出第几行。",
	"",
	"# 网站名称：显示在每个页面顶部和浏览器标签上，如“××区老旧小区整治改造公示”",
	"title: 老旧小区改造公示",
	"",
	"# 网站正式发布后的地址，以“/”结尾，如 https://www.example.gov.cn/gaizao/",
	"# 用于站点地图、订阅和 PDF 公示上的二维码。留空则不生成站点地图，公示上不印二维码",
	"base_url: \"\"",
	"",
	"# 网页的语言，一般不用改",
	"language: zh-CN",
	"",
	"# 网站外观所用的主题，default 是 gongshi 自带的主题。",
	"# 只想改某个页面或样式时不必换主题，见“使用说明.txt”第八节（layouts 目录）",
	"theme: default",
	"",
	"# data 目录下表格的文字编码：auto（自动识别，推荐）、utf-8、gb18030（即 GBK）",
	"encoding: auto",
	"",
	"# 主办单位，显示在网站页脚，如“××区人民政府办公室”。留空则用下面的发文机关（notice 中的 issuer）",
	"organiser: \"\"",
	"",
	"# 牵头单位：每个小区页面上显示的主管部门，填 data/units.csv 中的单位编号或单位名称。",
	"# 留空则取 data/duties.csv 中职责写有“负责牵头”的第一条的第一个单位",
	"lead_unit: \"\"",
	"",
	"# 计算“现在进行到哪个阶段”所用的日期。不写则用生成网站当天的日期（正式使用时就这样）。",
	"# 只在演示或补做往日公示时才设置：",
	"# today: 2022-06-01",
	"",
	"# 是否允许在页面（content 目录的 .md 文件）中直接写 HTML 代码：",
	"# false（默认，安全）时这些代码不显示；true 时原样输出，只在确有需要时才改",
	"unsafe_html: false",
	"",
	"# 工作动态和小区列表每页显示多少条。0 表示默认：动态每页 20 条，小区列表每页 300 个",
	"page_size: 0",
	"",
	"# 是否为示例（演示）站点：true 时每个网页显示“示例数据”提示，每页 PDF 印“示例”标记，",
	"# gongshi check --release 拒绝发布。正式站点写 false",
	"example: false",
	"",
	"# 公示通知（每个小区的 PDF 公示）上的发文信息",
	"notice:",
	"  # 区级发文机关，如“××区人民政府办公室”；各小区公示的抬头和落款默认是所属街道办事处（见 data/notices.csv）",
	"  issuer: \"\"",
	"  # 实施方案的文号，如“××政办字〔2022〕4号”",
	"  number: \"\"",
	"  # 实施方案的标题，如“××区老旧小区整治改造实施方案”",
	"  plan_title: \"\"",
	"  # 公示日期，印在落款处，如 2022-04-27。不写则用生成当天的日期",
	"  # date: 2022-04-27",
	"  # 公示期天数，含公示当天；每个小区可在 data/notices.csv 另写",
	"  publicity_days: 7",
	"  # 公示期按“工作日”还是“自然日”计算。工作日跳过 data/holidays.csv 中的放假日",
	"  publicity_unit: 工作日",
	"  # 是否在公示中写明“逾期未提出意见的，视为无异议”：true 写，false 不写",
	"  no_objection_clause: false",
	"  # 公示上印一张图：design（小区最新的效果图）、before（最早的改造前照片）或 none（不印）。照片列在 data/photos.csv",
	"  image: none",
	"",
	"# 意愿征询（data/consent.csv）",
	"consent:",
	"  # 同意户数至少占征询户数的比例，达不到的小区不能开工。可写 2/3、0.6667 或 67%",
	"  threshold: 2/3",
	"",
	"# 居民意见反馈渠道，印在公示上，也显示在网站上",
	"feedback:",
	"  # 反馈电话，如 0632-4411234",
	"  phone: \"\"",
	"  # 反馈地址（来信或当面反映），如“××区住房和城乡建设局”",
	"  address: \"\"",
	"",
	"# 实施方案“目标任务”中写明的总量。填写后，gongshi 会把 data/communities.csv 的合计",
	"# 与之核对，不一致时给出警告。不写则不核对。要核对时删去行首的“# ”并改成方案中的数字：",
	"targets:",
	"  # 小区个数",
	"  # communities: 56",
	"  # 总户数",
	"  # households: 7663",
	"  # 总建筑面积（平方米，不是万平方米），如 90.12 万平方米写 901200",
	"  # floor_area_m2: 901200",
	"  # 计划总投资（万元，只写数字），与小区表“计划投资”列的合计核对",
	"  # investment_wan: 24400",
	"",
	"# 公示牌：每个小区一张大字的 poster.pdf，贴公告栏",
	"poster:",
	"  # size: a3  # 纸张：a3（默认）或 a4（字号和长度都乘以 0.7）",
	"  # image: none  # 公示牌上的图：design、before 或 none；不写时与 notice.image 相同",
	"",
	"# 合订本分册：街道的公示合订本每册最多用几张纸，超出时分成 街道编号-1.pdf、-2.pdf……",
	"booklet:",
	"  # sheets: 250  # 每册最多用几张纸，1 到 10000；不写时 250；写 10000 则每个街道一个文件",
	"",
	"# 领导小组办公室的进度通报 notices/progress-日期.pdf（日期为今天，或 gongshi build --as-of 日期）",
	"progress:",
	"  # 发文单位，如“××区老旧小区整治改造工作领导小组办公室”；不写则用 notice 的 issuer",
	"  # issuer: \"\"",
	"  # 标题；不写则为“关于全区老旧小区整治改造工作进展情况的通报”",
	"  # title: \"\"",
	"  # 已发通报的日期：“上次通报以来”从其中早于本期日期的最近一次算起，不写则从一个月前算起",
	"  # reports: [2022-05-01, 2022-06-01]",
	"",
	"# PDF 公示所用的字体。默认是 Debian 自带的字体，一般不用改",
	"pdf:",
	"  # 字体文件的位置；.ttc 文件里有几种字体，用 _index 指定第几种（从 0 数起）",
	"  fonts:",
	"    # 正文用的宋体",
	"    song: /usr/share/fonts/truetype/arphic/uming.ttc",
	"    song_index: 0  # 宋体在 .ttc 文件中的序号",
	"    # 标题用的黑体",
	"    hei: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"    hei_index: 0  # 黑体在 .ttc 文件中的序号",
	"    # 二级标题“（一）”用的楷体，也补宋体、黑体里没有的生僻字（如𠮷）",
	"    kai: /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
	"    kai_index: 0  # 楷体在字体文件中的序号",
	"    # 正文用的仿宋、标题用的小标宋：Debian 没有免费的，不填时正文用宋体、标题用黑体代替；",
	"    # 有正版字体（如仿宋_GB2312、方正小标宋简体）时，去掉行首的 # 并改为它的位置",
	"    # fangsong: /usr/share/fonts/truetype/arphic/uming.ttc",
	"    # fangsong_index: 0  # 仿宋在字体文件中的序号",
	"    # biaosong: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc  # 标题用的小标宋",
	"    # biaosong_index: 0  # 小标宋在字体文件中的序号",
	"    # 前三种字体里没有的字（生僻字）到这些字体里找，可写多个，",
	"    # 每个写成“- 路径”或“- 路径#序号”，如：",
	"    #   fallback:",
	"    #     - /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#1",
	"    fallback: []",
	"",
	"# 政府网站的元数据（按政府网站规范，写在每个网页中）",
	"portal:",
	"  # 网站名称，如“××区人民政府”",
	"  site_name: \"\"",
	"  # 网站域名，如 www.example.gov.cn",
	"  site_domain: \"\"",
	"  # 政府网站标识码（由主管部门分配）",
	"  site_id_code: \"\"",
	"  # 栏目名称，如“老旧小区改造”",
	"  column_name: \"\"",
	"",
	"# 备案信息，显示在网站页脚",
	"records:",
	"  # ICP 备案号，如“鲁ICP备12345678号”",
	"  icp: \"\"",
	"  # 公安机关备案号，如“鲁公网安备 37040302000001号”",
	"  police: \"\"",
};

static const char *const index_md[] = {
	"---",
	"title: 老旧小区改造公示",
	"---",
	"",
	"（示例：这是网站首页的导语，请改写成本地的内容，并删去这一行。）",
	"",
	"各位居民朋友：",
	"",
	"我区正在对一批老旧小区进行整治改造。改什么、谁来改、什么时候改，都在这个网站上公开。",
	"",
	"在这里您可以：",
	"",
	"- 查到自己小区的改造内容、施工单位和现场联系人；",
	"- 阅读改造实施方案全文；",
	"- 看到改造工作的最新进展。",
	"",
	"每个小区的改造方案都会在小区内公示。对方案有意见或建议，请在公示期内告诉我们。",
	"",
	"改造期间施工会给大家带来一些不便，感谢您的理解和支持。",
};

static const char *const plan_md[] = {
	"---",
	"title: 老旧小区改造实施方案",
	"---",
	"",
	"（示例：请把实施方案的全文粘贴到这里，替换本页的全部内容。“## ”开头的行是小标题；段落之间空一行。）",
	"",
	"## 一、指导思想",
	"",
	"（此处粘贴原文。）",
	"",
	"## 二、目标任务",
	"",
	"（此处粘贴原文。）",
	"",
	"## 三、改造内容",
	"",
	"（此处粘贴原文。各项改造内容也要逐项填入 data/items.csv。）",
};

static const char *const news_md_body[] = {
	"",
	"（示例：这是一条示例动态，请删除这个文件，或改写成真实的工作动态。）",
	"",
	"每条工作动态是 content/news 目录下的一个 .md 文件，文件名用日期加拼音或英文，如 2022-05-09-gongshi-qidong.md（文件名会成为网址的一部分，不要用汉字和空格）。文件开头两行“---”之间写标题（title）和日期（date），日期必须写。",
	"",
	"正文直接写，段落之间空一行。",
};

static const char *const communities_note[] = {
	"这个目录放某个小区的补充说明（可选），会显示在这个小区的网页上。",
	"",
	"每个小区一个文件，文件名是 data/communities.csv 中的小区编号加 .md，",
	"例如编号为 yushu-xincun 的小区写 yushu-xincun.md。",
	"编号在表格中不存在时，gongshi check 会报错。",
	"",
	"文件内容示例：",
	"",
	"---",
	"title: 榆树新村改造方案",
	"---",
	"",
	"榆树新村位于……，共 8 栋楼、216 户。",
	"",
	"## 主要改造内容",
	"",
	"1. 更换老化的供水管道。",
	"2. ……",
};

static const char *const readme[] = {
	"老旧小区改造公示网站：使用说明",
	"================================",
	"",
	"这个目录是用 gongshi init 新建的网站。按下面的步骤填好内容，gongshi 就能生成",
	"一个完整的公示网站（public 目录），以及每个小区张贴用的 A4 公示通知（PDF 文件）。",
	"",
	"",
	"一、目录里有什么",
	"----------------",
	"",
	"  site.yaml                 网站设置：网站名称、发文信息、反馈电话等（每项都有中文说明）",
	"  data/communities.csv      小区名单，一个小区一行",
	"  data/units.csv            单位：街道、部门、企业（施工单位）、专营单位",
	"  data/items.csv            改造内容：实施方案中的各项改造",
	"  data/phases.csv           实施步骤：各阶段的名称和起止日期",
	"  data/duties.csv           任务分工：各单位的职责",
	"  data/group.csv            领导小组成员",
	"  content/index.md          网站首页的导语（示例，请改写）",
	"  content/plan.md           实施方案全文（示例，请替换）",
	"  content/news/             工作动态，一条一个文件（里面有一条示例，请删除或改写）",
	"  content/communities/      某个小区的补充说明（可选，见其中的“说明.txt”）",
	"  使用说明.txt              本文件",
	"  数据表格说明.txt          每个表格每一列填什么、怎么保存、出错时怎样看提示",
	"",
	"data 目录下的六个表格现在只有表头（第一行），内容由您填写。",
	"",
	"",
	"二、按这个顺序填写",
	"------------------",
	"",
	"1. site.yaml：至少填写网站名称（title）、发文信息（notice）和反馈电话（feedback）。",
	"   用记事本、WPS 或其他文字编辑器打开，保存时用 UTF-8 编码。",
	"2. data/units.csv：先登记单位。每个街道都要登记，类型写 subdistrict；",
	"   部门写 department，企业（如施工单位）写 enterprise，供水供电等专营单位写 utility。",
	"3. data/items.csv：实施方案中的每一项改造内容，编号如 1、2、3……",
	"4. data/phases.csv：实施步骤，如宣传发动、全面整治、检查验收，每个阶段一行。",
	"5. data/communities.csv：小区名单。其中“街道”填 units.csv 中的街道，",
	"   “改造内容”填 items.csv 中的编号（多个用分号隔开，如 1;2;5），",
	"   “进度”填 phases.csv 中的阶段编号。",
	"6. data/duties.csv 和 data/group.csv：任务分工和领导小组。",
	"7. content 目录下的页面：首页导语、实施方案全文、工作动态。",
	"",
	"每一列填什么、哪些必填，见这个目录里的“数据表格说明.txt”。",
	"",
	"编号（小区、单位、阶段的“编号”列）会成为网址的一部分：只能用小写英文字母、",
	"数字和连字符“-”，如 yushu-xincun，同一个表里不能重复。",
	"",
	"",
	"三、用 Excel 或 WPS 编辑表格",
	"----------------------------",
	"",
	"- 双击 .csv 文件，会用 Excel 或 WPS 表格打开。第一行是表头，不要删除或改名。",
	"- 从第二行起，每行填一条记录。一个格子里有多个值时用分号“;”隔开。",
	"- 保存时仍然保存为 CSV 文件，不要存成 .xlsx：",
	"    Excel：文件 → 另存为 → 保存类型选“CSV UTF-8(逗号分隔)(*.csv)”；",
	"           若提示“可能会丢失某些功能”，选“是”或“保留当前格式”。",
	"    WPS：  文件 → 另存为 → 文件类型选“CSV 文件(*.csv)”或“CSV UTF-8”。",
	"  存成 UTF-8 最好；存成普通 CSV（GBK 编码）也可以，gongshi 会自动识别。",
	"- 以 0 开头的纯数字（如编号 01、不带横线的电话号码），Excel 会去掉开头的 0，",
	"  很长的数字会变成科学计数法。填写前先选中这一列，设为“文本”格式。",
	"- 日期可写 2022-04-01、2022/4/1 或 2022年4月1日。",
	"",
	"",
	"四、检查",
	"--------",
	"",
	"在命令行中运行（“网站目录”换成这个目录的路径）：",
	"",
	"    gongshi check 网站目录",
	"",
	"所有问题会一次列出，每个问题一行，格式是“文件:行:列: error: 说明”。",
	"“行”就是 Excel 左边的行号，“列”是第几列（1 是 A 列，2 是 B 列……）。",
	"改正后再运行一次，直到没有 error（错误）。warning（警告）不影响生成，但请看一看。",
	"",
	"",
	"五、预览",
	"--------",
	"",
	"    gongshi serve 网站目录",
	"",
	"然后用浏览器打开 http://127.0.0.1:8000/ 查看网站。修改表格或页面并保存后，",
	"网站会自动重新生成，刷新浏览器即可看到。出错时命令行里会显示错误，",
	"浏览器里仍是上一次正确的网站。按 Ctrl+C 结束预览。",
	"",
	"",
	"六、生成和发布",
	"--------------",
	"",
	"    gongshi build 网站目录",
	"",
	"生成的网站在这个目录下的 public 文件夹里。发布时，把 public 文件夹里的全部内容",
	"复制到网站服务器上对应的目录（即 site.yaml 中 base_url 所指的地址）。",
	"这是纯静态网页，服务器上不需要数据库或其他程序。",
	"发布前请在 site.yaml 中填好 base_url（网站正式地址）。",
	"正式发布和打印张贴用的版本，请用下面的命令生成：",
	"",
	"    gongshi build --release 网站目录",
	"",
	"示例文字没有改写、网址、发文机关、公示日期或反馈电话没有填时，它会逐条指出文件和行号，",
	"不生成任何文件。",
	"有错误（error）时不会生成任何文件，public 里仍是上一次的结果。",
	"",
	"",
	"七、打印公示",
	"------------",
	"",
	"生成后，每个小区都有一份 A4 公示通知，用于张贴在小区公示栏：",
	"",
	"    public/communities/小区编号/notice.pdf     一个小区的公示",
	"    public/notices/街道编号.pdf                 一个街道所有小区的公示合在一个文件里，便于一次打印",
	"    public/communities/小区编号/poster.pdf     公示牌：公示要点印在一张 A3 纸上，大字，贴公告栏",
	"    public/notices/街道编号-posters.pdf         一个街道所有小区的公示牌，每个小区一页",
	"    public/notices/街道编号-1.pdf、-2.pdf……     小区多的街道分册（site.yaml 的 booklet: sheets:）",
	"",
	"打印时纸张选 A4，缩放选“实际大小”（100%）。网站上每个小区的页面也有公示的下载链接。",
	"",
	"",
	"八、修改网站外观（layouts 目录）",
	"--------------------------------",
	"",
	"网站的样子由主题决定，默认用 gongshi 自带的 default 主题（已编进 gongshi 程序，",
	"不需要另外安装；原文件见 gongshi 源码的 themes/default 目录）。",
	"",
	"要改某一个模板或样式，不用复制整个主题：在这个目录下建 layouts 文件夹，",
	"放入与主题中相对路径相同的文件，就会替换主题中的那个文件。例如：",
	"",
	"    layouts/partials/footer.html     替换页脚",
	"    layouts/assets/style.css         替换样式表",
	"    layouts/assets/logo.png          增加一个图片，生成后在 public/assets/logo.png",
	"",
	"模板的写法见 gongshi 文档目录里的 theming.md 和 templates.md（英文；安装在",
	"gongshi 的 share/doc/gongshi 目录，一般是 /usr/share/doc/gongshi）。",
};

/* Appends `lines` to `out`, each ended by `eol`. */
static void put_lines(buf *out, const char *const *lines, size_t n, const char *eol)
{
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, lines[i]);
		buf_puts(out, eol);
	}
}

/* Files staff open in Windows programs carry a BOM and CRLF: Excel and
 * older Notepad read a BOM-less file as the ANSI code page (GBK). */
static void put_windows(buf *out, const char *const *lines, size_t n)
{
	buf_puts(out, "\xEF\xBB\xBF");
	put_lines(out, lines, n, "\r\n");
}

/* A CSV cell, quoted only when RFC 4180 asks for it. */
static void put_cell(buf *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

/* The header row of `s` as Excel writes it: a UTF-8 BOM, the Chinese
 * headers, CRLF.  Appends to `out`. */
static void init_csv_header(buf *out, const struct table_schema *s)
{
	buf_puts(out, "\xEF\xBB\xBF");
	for (size_t c = 0; c < s->ncolumns; c++) {
		if (c)
			buf_putc(out, ',');
		put_cell(out, s->columns[c].chinese);
	}
	buf_puts(out, "\r\n");
}

/* Adds a file to the list and returns its (empty) text to fill. */
static buf *add(struct init_file *files, size_t *n, char *path)
{
	struct init_file *f = &files[(*n)++];

	f->path = path;
	buf_init(&f->text);
	return &f->text;
}

size_t init_files(struct init_file **files, struct date today)
{
	static const struct table_schema *const tables[] = {
		&schema_communities, &schema_units, &schema_items,
		&schema_phases, &schema_duties, &schema_group, &schema_photos,
		&schema_progress, &schema_funding,
		&schema_holidays, &schema_notices, &schema_consent, &schema_opinions,
	};
	struct init_file *f = xcalloc(N(tables) + 7, sizeof(*f));
	size_t n = 0;
	char iso[32];
	buf *b;
	buf name = BUF_INIT;

	for (size_t i = 0; i < N(tables); i++)
		init_csv_header(add(f, &n, xstrdup(tables[i]->file)), tables[i]);
	put_lines(add(f, &n, xstrdup("content/index.md")), index_md, N(index_md), "\n");
	put_lines(add(f, &n, xstrdup("content/plan.md")), plan_md, N(plan_md), "\n");

	date_iso(today, iso);
	buf_printf(&name, "content/news/%s-shili.md", iso);
	b = add(f, &n, buf_detach(&name));
	buf_printf(b, "---\ntitle: 示例动态：公示网站开通\ndate: %s\n---\n", iso);
	put_lines(b, news_md_body, N(news_md_body), "\n");

	put_windows(add(f, &n, xstrdup("content/communities/说明.txt")),
		    communities_note, N(communities_note));
	put_windows(add(f, &n, xstrdup("使用说明.txt")), readme, N(readme));
	put_windows(add(f, &n, xstrdup("数据表格说明.txt")), init_table_guide,
		    init_table_guide_lines);
	put_lines(add(f, &n, xstrdup("site.yaml")), site_yaml, N(site_yaml), "\n");
	*files = f;
	return n;
}

void init_files_free(struct init_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(files[i].path);
		buf_free(&files[i].text);
	}
	free(files);
}
