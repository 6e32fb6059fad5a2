// Bench only (see package.json): requires the API as every extension does, and does nothing else.
'use strict';
require('vscode');
exports.activate = () => undefined;
exports.deactivate = () => undefined;
