<?php

declare(strict_types=1);

use App\Http\Controllers\ExampleController;
use Illuminate\Support\Facades\Route;

Route::get('/login', [ExampleController::class, 'login']);
Route::get('/csp-login', [ExampleController::class, 'login'])->middleware('csp');
Route::get('/page', [ExampleController::class, 'page']);
Route::get('/logout', [ExampleController::class, 'logout']);
Route::get('/payload', [ExampleController::class, 'payload']);
