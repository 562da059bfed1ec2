// Every test's temporary files (cdktf's Testing.app() makes an outdir per app) go under one
// directory that global-teardown.js removes, instead of piling up in the system temp directory.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-mlops-jest-'));
  process.env.CDKTF_MLOPS_TEST_TMP = dir;
  process.env.TMPDIR = dir;
};
