/** Every test file under test/frontdoor, in one jest test file (see helpers/test-files.js). */
import { runTestFilesUnder } from '../helpers/suite';

runTestFilesUnder(__dirname);
