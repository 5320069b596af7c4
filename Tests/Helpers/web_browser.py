#!/usr/bin/env python3
"""The clerk's whole round in a real browser: headless Chromium driven by Selenium, on the page
`xlsx-tasks serve` serves at URL over an empty folder.

usage: web_browser.py URL SEED WORK_DIR
Creates the workspace by uploading SEED, opens a round, downloads the workbooks' zip, fills them
with openpyxl (fill_workbooks.py), uploads them in two batches through the file input, reads the
status board, downloads the merged master. Saves a screenshot of every page (1366×768) in
WORK_DIR/screens and prints one JSON object of what it saw."""
import glob
import json
import os
import subprocess
import sys
import time
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

url, seed, work = sys.argv[1].rstrip("/"), sys.argv[2], os.path.abspath(sys.argv[3])
downloads = os.path.join(work, "downloads")
screens = os.path.join(work, "screens")
os.makedirs(downloads, exist_ok=True)
os.makedirs(screens, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))

options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=zh-CN"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_window_size(1366, 768)
# Headless Chromium saves downloads only when told where.
driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
wait = WebDriverWait(driver, 120)
seen = {"pages": {}}


def look(name):
    """A screenshot, and whether the page needs horizontal scrolling at 1366 wide."""
    driver.save_screenshot(os.path.join(screens, name + ".png"))
    width = driver.execute_script("return document.documentElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    seen["pages"][name] = {"scrollWidth": width, "innerWidth": inner, "title": driver.title}


def download(link_id, pattern):
    before = set(glob.glob(os.path.join(downloads, "*")))
    driver.find_element(By.ID, link_id).click()
    deadline = time.time() + 120
    while time.time() < deadline:
        new = [p for p in set(glob.glob(os.path.join(downloads, pattern))) - before if not p.endswith(".crdownload")]
        if new:
            time.sleep(0.5)
            return new[0]
        time.sleep(0.3)
    raise SystemExit("download did not arrive: " + link_id)


try:
    # 首页: no workspace yet — create it from the document.
    driver.get(url + "/")
    look("new-workspace")
    driver.find_element(By.ID, "source").send_keys(os.path.abspath(seed))
    driver.find_element(By.CSS_SELECTOR, "#create button").click()
    # The import's notes are shown first when it has any; then on to the home page.
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".facts") or d.find_elements(By.ID, "enter"))
    seen["import_notes"] = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#create-result li")]
    if not driver.find_elements(By.CSS_SELECTOR, ".facts"):
        look("import-notes")
        driver.find_element(By.ID, "enter").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".facts")))
    seen["facts"] = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".facts div")]
    # 本期: open a round.
    driver.get(url + "/round")
    driver.find_element(By.NAME, "label").send_keys("2020年第二季度")
    driver.execute_script("document.querySelector('input[name=due]').value = '2020-07-10'")
    driver.find_element(By.CSS_SELECTOR, "form.fields button").click()
    wait.until(EC.presence_of_element_located((By.ID, "download-workbooks")))
    look("round")
    archive = download("download-workbooks", "*.zip")
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        z.extractall(os.path.join(work, "unzipped"))
    seen["zip"] = names
    filled = os.path.join(work, "filled")
    subprocess.run([sys.executable, os.path.join(here, "fill_workbooks.py"), os.path.join(work, "unzipped"), filled],
                   check=True, stdout=subprocess.DEVNULL)
    files = sorted(glob.glob(os.path.join(filled, "*.xlsx")))
    # 收文: two batches through the file input.
    driver.get(url + "/collect")
    half = len(files) // 2
    for number, batch in enumerate([files[:half], files[half:]]):
        driver.find_element(By.ID, "files").send_keys("\n".join(batch))
        expected = half if number == 0 else len(files)
        wait.until(lambda d: d.find_element(By.ID, "progress-text").get_attribute("data-done") == str(expected))
    look("collect")
    rows = driver.find_elements(By.CSS_SELECTOR, "#outcomes tr.outcome")
    seen["outcomes"] = [[td.text for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    # 进度.
    driver.get(url + "/status")
    look("status")
    badges = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#board .badge")]
    seen["badges"] = {text: badges.count(text) for text in set(badges)}
    seen["chart"] = len(driver.find_elements(By.CSS_SELECTOR, ".charts svg rect"))
    first = driver.find_element(By.CSS_SELECTOR, "#board tbody tr td a")
    unit = first.text
    first.click()
    look("unit")
    seen["unit"] = {"name": unit, "heading": driver.find_element(By.TAG_NAME, "h1").text,
                    "rows": len(driver.find_elements(By.CSS_SELECTOR, "main table tbody tr"))}
    driver.get(url + "/problems")
    look("problems")
    driver.get(url + "/")
    look("home")
    # 导出.
    driver.get(url + "/export")
    look("export")
    seen["master"] = download("download-master", "汇总表*.xlsx")
finally:
    driver.quit()
print(json.dumps(seen, ensure_ascii=False))
