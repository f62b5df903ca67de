#!/usr/bin/python3
"""LibreOffice Writer mail merge of certificates: the benchmark peer for Sermphalang's generator.

Starts a private headless soffice, builds an A4 landscape certificate template in Writer
whose variable parts are mail-merge database fields, registers the CSV as a data source
and runs com.sun.star.text.MailMerge to PDF. Only MailMerge.execute() is timed. Prints one
JSON line to stdout; everything else goes to stderr.

    python3 mail_merge.py --csv DATA.csv --out OUTDIR --work WORKDIR \
        --emblem EMBLEM.png --signature SIG1.png --signature SIG2.png [--single]

Needs the system python with the `uno` module, and FONTCONFIG_FILE making "Sarabun" available.
"""

import argparse
import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from contextlib import suppress

try:
    import uno
    from com.sun.star.awt import Size
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
    from com.sun.star.table import BorderLine2, TableBorder2
except ImportError:
    sys.exit("mail_merge: the `uno` module is missing; run this with /usr/bin/python3 (python3-uno)")

FONT = "Sarabun"
BOLD = 150.0  # com.sun.star.awt.FontWeight.BOLD
CENTER = uno.Enum("com.sun.star.style.ParagraphAdjust", "CENTER")
AS_CHARACTER = uno.Enum("com.sun.star.text.TextContentAnchorType", "AS_CHARACTER")
PARAGRAPH_BREAK = 0  # com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK
MAIL_MERGE_FILE = 2  # com.sun.star.text.MailMergeType.FILE
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Paragraph styles: name -> (size in pt, bold, space below in 1/100 mm).
STYLES = {
    "CertTitle": (28, True, 200),
    "CertBody": (16, False, 100),
    "CertName": (30, True, 150),
    "CertEvent": (17, True, 150),
    "CertSmall": (10.5, False, 0),
}


def log(message):
    print(f"mail_merge: {message}", file=sys.stderr, flush=True)


def props(**values):
    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def processes():
    """{pid: (parent pid, utime + stime in clock ticks)} of every process, from /proc."""
    table = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()  # skip "pid (comm)"
            table[int(pid)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        except (OSError, IndexError, ValueError):
            pass  # gone meanwhile
    return table


def descendants(root, table=None):
    """`root` and all its descendants: soffice (oosplash) starts soffice.bin as a child."""
    table = table or processes()
    found, todo = [], [root]
    while todo:
        found.append(todo.pop())
        todo.extend(pid for pid, (ppid, _) in table.items() if ppid == found[-1])
    return found


def cpu_seconds(root):
    """CPU seconds used so far by soffice and all its descendants."""
    table = processes()
    return sum(table[pid][1] for pid in descendants(root, table) if pid in table) / CLOCK_TICKS


def start_office(work):
    """Start a private headless soffice and return (process, component context)."""
    pipe = f"sermphalang_mm_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         f"--accept=pipe,name={pipe};urp;",
         f"-env:UserInstallation={url(os.path.join(work, 'profile'))}"],
        stdin=subprocess.DEVNULL, stdout=sys.stderr, stderr=sys.stderr)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            return process, resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if process.poll() is not None:
                raise RuntimeError(f"soffice exited with status {process.returncode}")
            if time.monotonic() > deadline:
                stop_office(process, None)
                raise RuntimeError("could not connect to soffice within 60 s")
            time.sleep(0.25)


def stop_office(process, desktop):
    """Ask soffice to quit; if it has not within 20 s, kill it and the soffice.bin it started."""
    if desktop is not None:
        with suppress(Exception):  # the bridge may go away as soffice quits
            desktop.terminate()
    try:
        process.wait(timeout=20)  # oosplash exits only after soffice.bin has
    except subprocess.TimeoutExpired:
        for pid in descendants(process.pid)[1:]:  # soffice.bin first, for oosplash to reap
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        process.kill()
        process.wait()


def office_version(smgr, ctx):
    config = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    product = config.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationAccess",
        props(nodepath="/org.openoffice.Setup/Product"))
    return f"{product.ooName} {product.ooSetupVersionAboutBox}"


def register_csv(smgr, ctx, csv_path, work, name):
    """Register the CSV's directory as a flat-file data source; its table is the file's stem."""
    context = smgr.createInstanceWithContext("com.sun.star.sdb.DatabaseContext", ctx)
    source = context.createInstance()
    source.URL = "sdbc:flat:" + url(os.path.dirname(os.path.abspath(csv_path)))
    source.Info = props(Extension="csv", HeaderLine=True, FieldDelimiter=",",
                        StringDelimiter='"', CharSet="UTF-8")
    source.DatabaseDocument.storeAsURL(url(os.path.join(work, "certificates.odb")), ())
    context.registerObject(name, source)
    return context


class Template:
    """Writes the certificate into a new Writer document, paragraph by paragraph."""

    def __init__(self, smgr, ctx, desktop, source, table):
        self.doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0,
                                                props(Hidden=True))
        self.graphics = smgr.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", ctx)
        self.source, self.table, self.masters = source, table, {}
        self.setup_page()
        families = self.doc.StyleFamilies.getByName("ParagraphStyles")
        for name, (size, bold, below) in STYLES.items():
            style = self.doc.createInstance("com.sun.star.style.ParagraphStyle")
            families.insertByName(name, style)
            style.CharFontName = style.CharFontNameComplex = style.CharFontNameAsian = FONT
            style.CharHeight = style.CharHeightComplex = size
            style.CharWeight = style.CharWeightComplex = BOLD if bold else 100.0
            style.CharLocaleComplex = uno.createUnoStruct("com.sun.star.lang.Locale", "th", "TH", "")
            style.ParaAdjust = CENTER
            style.ParaTopMargin, style.ParaBottomMargin = 0, below

    def setup_page(self):
        page = self.doc.StyleFamilies.getByName("PageStyles").getByName("Standard")
        page.IsLandscape = True
        page.Width, page.Height = 29700, 21000
        page.LeftMargin = page.RightMargin = page.TopMargin = page.BottomMargin = 1600
        line = BorderLine2(Color=0x1F3A68, OuterLineWidth=80, LineWidth=80)
        page.LeftBorder = page.RightBorder = page.TopBorder = page.BottomBorder = line
        page.LeftBorderDistance = page.RightBorderDistance = 600
        page.TopBorderDistance = page.BottomBorderDistance = 400

    def field(self, column):
        """A mail-merge database field for `column` of the registered table."""
        if column not in self.masters:
            master = self.doc.createInstance("com.sun.star.text.FieldMaster.Database")
            master.DataBaseName, master.DataTableName = self.source, self.table
            master.DataCommandType, master.DataColumnName = 0, column
            self.masters[column] = master
        field = self.doc.createInstance("com.sun.star.text.TextField.Database")
        field.attachTextFieldMaster(self.masters[column])
        return field

    def image(self, path, height):
        """An embedded (not linked) picture `height` 1/100 mm high, anchored as a character."""
        graphic = self.graphics.queryGraphic(props(URL=url(path)))
        pixels = graphic.SizePixel
        picture = self.doc.createInstance("com.sun.star.text.TextGraphicObject")
        picture.Graphic = graphic
        picture.AnchorType = AS_CHARACTER
        picture.Size = Size(round(height * pixels.Width / pixels.Height), height)
        return picture

    def paragraph(self, text, cursor, style, *parts, last=False):
        """Appends a paragraph: strings are literal text, anything else is a text content."""
        cursor.ParaStyleName = style
        for part in parts:
            if isinstance(part, str):
                text.insertString(cursor, part, False)
            else:
                text.insertTextContent(cursor, part, False)
        if not last:
            text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)

    def build(self, emblem, signatures):
        text = self.doc.Text
        cursor = text.createTextCursor()
        f, p = self.field, self.paragraph
        p(text, cursor, "CertBody", self.image(emblem, 1600), "   ", self.image(emblem, 1600))
        p(text, cursor, "CertTitle", "เกียรติบัตร")
        p(text, cursor, "CertBody", f("issuer"))
        p(text, cursor, "CertBody", "ขอมอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า")
        p(text, cursor, "CertName", f("name"))
        p(text, cursor, "CertBody", "ได้ผ่าน", f("event_kind"))
        p(text, cursor, "CertEvent", f("event"))
        p(text, cursor, "CertBody", "เมื่อวันที่ ", f("held_on"), " ณ ", f("venue"))
        p(text, cursor, "CertBody", "ให้ไว้ ณ วันที่ ", f("issued_on"))
        # Two signature blocks side by side in a borderless table; it goes in before the
        # current (empty) paragraph, which then takes the small print.
        table = self.doc.createInstance("com.sun.star.text.TextTable")
        table.initialize(1, 2)
        text.insertTextContent(cursor, table, False)
        table.TopMargin, table.BottomMargin = 1000, 800
        borders = TableBorder2()
        for side in ("Top", "Bottom", "Left", "Right", "Horizontal", "Vertical"):
            setattr(borders, f"{side}Line", BorderLine2())  # zero width: no line
            setattr(borders, f"Is{side}LineValid", True)
        table.TableBorder2 = borders
        for i, (cell, signature) in enumerate(zip(("A1", "B1"), signatures), start=1):
            cell = table.getCellByName(cell)
            at = cell.createTextCursor()
            p(cell, at, "CertBody", self.image(signature, 1300))
            p(cell, at, "CertBody", "(", f(f"signatory{i}"), ")")
            p(cell, at, "CertBody", f(f"position{i}"), last=True)
        p(text, cursor, "CertSmall", "เลขที่ ", f("number"))
        p(text, cursor, "CertSmall", "ตรวจสอบเกียรติบัตร ", f("verify_url"))
        p(text, cursor, "CertSmall", "รหัส ", f("code"), last=True)

    def store(self, path):
        self.doc.storeToURL(url(path), props(FilterName="writer8"))
        self.doc.close(True)


def run_merge(smgr, ctx, template, source, table, out, single, office_pid):
    merge = smgr.createInstanceWithContext("com.sun.star.text.MailMerge", ctx)
    merge.DocumentURL = url(template)
    merge.DataSourceName, merge.Command, merge.CommandType = source, table, 0
    merge.OutputType, merge.OutputURL = MAIL_MERGE_FILE, url(out)
    merge.SaveFilter, merge.FileNamePrefix = "writer_pdf_Export", "certificate"
    merge.SaveAsSingleFile = single  # one PDF of all records, or one PDF per record
    office_before, python_before = cpu_seconds(office_pid), time.process_time()
    started = time.perf_counter()
    merge.execute(())
    seconds = time.perf_counter() - started
    cpu = cpu_seconds(office_pid) - office_before + time.process_time() - python_before
    merge.dispose()
    return seconds, cpu


def tool(*args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def verify(out, first_number, records, single):
    """Count the PDFs and their pages, and check the first one's font and text."""
    pdfs = [n for n in os.listdir(out) if n.lower().endswith(".pdf")]
    pdfs.sort(key=lambda n: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", n)])
    if not pdfs:
        raise RuntimeError(f"LibreOffice wrote no PDF to {out}")
    pages = 0
    for name in pdfs:
        info = tool("pdfinfo", os.path.join(out, name))
        pages += int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    first = os.path.join(out, pdfs[0])
    fonts = tool("pdffonts", first)
    if FONT not in fonts:
        raise RuntimeError(f"{first} does not use {FONT}:\n{fonts}")
    content = tool("pdftotext", first, "-")
    if "เกียรติบัตร" not in content or first_number not in content:
        raise RuntimeError(f"{first} lacks 'เกียรติบัตร' or the first number {first_number!r}")
    expected_files = 1 if single else records
    if len(pdfs) != expected_files or pages != records:
        raise RuntimeError(f"expected {expected_files} PDFs with {records} pages in all, "
                           f"got {len(pdfs)} PDFs with {pages} pages")
    return len(pdfs), pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for option in ("--csv", "--out", "--work", "--emblem"):
        parser.add_argument(option, required=True)
    parser.add_argument("--signature", action="append", required=True)
    parser.add_argument("--single", action="store_true", help="one PDF for all records")
    args = parser.parse_args()
    if len(args.signature) != 2:
        parser.error("give --signature exactly twice")
    for path in [args.csv, args.emblem, *args.signature]:
        if not os.path.isfile(path):
            parser.error(f"no such file: {path}")
    with open(args.csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit("mail_merge: the CSV has no records")
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    if any(n.lower().endswith(".pdf") for n in os.listdir(args.out)):
        sys.exit(f"mail_merge: {args.out} already holds PDFs; give an empty output directory")

    table = os.path.splitext(os.path.basename(args.csv))[0]
    source = f"sermphalang_certificates_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    started = time.perf_counter()
    try:
        process, ctx = start_office(args.work)
    except RuntimeError as error:
        sys.exit(f"mail_merge: {error}")
    desktop = context = None
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        log(f"soffice ready after {time.perf_counter() - started:.2f} s (not timed)")
        version = office_version(smgr, ctx)
        context = register_csv(smgr, ctx, args.csv, args.work, source)
        template = os.path.join(args.work, "template.odt")
        writer = Template(smgr, ctx, desktop, source, table)
        writer.build(args.emblem, args.signature)
        writer.store(template)
        log(f"template stored as {template}; merging {len(rows)} records")
        seconds, cpu = run_merge(smgr, ctx, template, source, table, args.out, args.single,
                                 process.pid)
        files, pages = verify(args.out, rows[0]["number"], len(rows), args.single)
    except Exception as error:
        log(f"failed: {error}")
        return 1
    finally:
        if context is not None:
            with suppress(Exception):
                context.revokeObject(source)
        stop_office(process, desktop)
    print(json.dumps({"records": len(rows), "files": files, "pages": pages,
                      "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                      "mode": "single" if args.single else "separate", "version": version},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
