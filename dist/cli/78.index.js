export const id = 78;
export const ids = [78];
export const modules = {

/***/ 2078:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   command: () => (/* binding */ command)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7417);

// Placeholder until the 'rollback' capability lands; replaced by the real command.
const command = {
    help: 'slipway rollback: not available yet',
    options: {},
    run: async () => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('this command is not available yet');
    },
};


/***/ })

};
